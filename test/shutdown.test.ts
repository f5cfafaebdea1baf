// The real process, stopped as an orchestrator stops it: SIGTERM, then readiness off at once, open
// subscriptions completed, operations in flight finished, and exit 0.
import type { ChildProcess } from 'node:child_process';
import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, simulatorCredentials, simulatorSettings } from '../src/config.js';
import { ACME } from '../src/simulators/demo.js';
import { closeSimulators, type Simulators, startSimulators } from '../src/simulators/index.js';
import { DisconnectNumberDocument, FollowDisconnectOrderDocument } from './generated/graphql.js';
import { startTestGateway, subscribe } from './support/gateway.js';
import { spawnGateway } from './support/process.js';

let sims: Simulators;
let child: ChildProcess;
let url: string;
let output = '';

beforeAll(async () => {
  sims = (await startSimulators(loadConfig({}).upstreams, { orderStepMs: 'manual' })) as Simulators;
  // Real upstream URLs and no AUTH_JWT_SECRET in development: the process must say it is open.
  child = spawnGateway({
    ...simulatorSettings((name) => sims[name].url),
    PORT: '0',
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_MS: '5000',
    DISCONNECT_POLL_MS: '600000',
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  await vi.waitFor(() => expect(output).toMatch(/at (http:\/\/127\.0\.0\.1:\d+)\/graphql/), { timeout: 20_000, interval: 50 });
  url = /at (http:\/\/127\.0\.0\.1:\d+)\/graphql/.exec(output)?.[1] as string;
}, 30_000);
afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGKILL');
  await closeSimulators(sims);
});

describe('a gateway in development with real upstreams and no AUTH_JWT_SECRET', () => {
  it('logs one warning that it is open to anyone who can reach it', () => {
    expect(output.match(/anyone who can reach this address/g)).toHaveLength(1);
  });
});

describe('SIGTERM', () => {
  it('turns readiness off at once, completes subscriptions, finishes the operation in flight, and exits 0', async () => {
    const order = await fetch(`${sims.dashboard.url}/accounts/${simulatorCredentials.BANDWIDTH_ACCOUNT_ID}/disconnects`, {
      method: 'POST',
      headers: {
        'content-type': 'application/xml',
        authorization: `Basic ${Buffer.from(`${simulatorCredentials.BANDWIDTH_USERNAME}:${simulatorCredentials.BANDWIDTH_PASSWORD}`).toString('base64')}`,
      },
      body: '<DisconnectTelephoneNumberOrder><DisconnectTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>8285550142</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>',
    });
    const id = String(order.headers.get('location')).split('/').pop() as string;
    let subscribed: () => void = () => undefined;
    const following = new Promise<void>((resolve) => {
      subscribed = resolve;
    });
    const events = subscribe({ url, secrets: [] }, FollowDisconnectOrderDocument, { id }, () => subscribed());
    await following;

    sims.customerPhones.inject({ kind: 'hold' }, { times: 1 });
    const inFlight = fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ customer(id: "${ACME}") { phones { version } } }` }),
    });
    await vi.waitFor(() => expect(sims.customerPhones.requests.length).toBeGreaterThan(0), { interval: 20 });

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await vi.waitFor(async () => expect((await fetch(`${url}/readiness`)).status).toBe(503), { timeout: 2_000, interval: 20 });
    expect((await events).map((e) => e.data?.disconnectOrder?.status)).toEqual(['RECEIVED']);

    sims.customerPhones.releaseHeld();
    const answer = await inFlight;
    expect(await answer.json()).toEqual({ data: { customer: { phones: { version: '3' } } } });
    expect(await exited).toBe(0);
  });
});

describe('a shutdown while a write workflow runs for a client that has hung up', () => {
  it('finishes the workflow before the upstream connections close: the number is un-imported and its order filed', async () => {
    const gw = await startTestGateway({ SHUTDOWN_GRACE_MS: '5000' });
    gw.sims.catapult.inject({ kind: 'hold' }, { method: 'DELETE', times: 1 });
    const client = new AbortController();
    const answer = fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(DisconnectNumberDocument), variables: { number: '+17045550123' } }),
      signal: client.signal,
    }).catch(() => 'hung up');
    await vi.waitFor(() => expect(gw.sims.catapult.requests.map((r) => r.method)).toContain('DELETE'), { interval: 20 });
    client.abort();
    expect(await answer).toBe('hung up');

    const closed = gw.close();
    // Time for a shutdown that ignored the workflow to close the connections it still needs.
    await new Promise((resolve) => setTimeout(resolve, 200));
    gw.sims.catapult.releaseHeld();
    await closed;
    expect(gw.sims.dashboard.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
