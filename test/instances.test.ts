// Two gateway processes sharing one Redis act as one: a callback reaching one moves a subscription
// held by the other, and an order is polled by one watcher, not by every instance.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, simulatorCredentials, upstreamNames, upstreamSettings } from '../src/config.js';
import { ACME } from '../src/simulators/demo.js';
import { closeSimulators, startSimulators, type Simulators } from '../src/simulators/index.js';
import { FollowDisconnectOrderDocument } from './generated/graphql.js';
import { subscribe } from './support/gateway.js';
import { freePort } from './support/net.js';

const callback = { BANDWIDTH_CALLBACK_USERNAME: 'bandwidth', BANDWIDTH_CALLBACK_PASSWORD: 'shared-callback-secret' };
const children: ChildProcess[] = [];
let sims: Simulators;
let redisUrl: string;


function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`not seen within 40 s: ${pattern}\n${seen}`)), 40_000);
    const look = (chunk: Buffer) => {
      seen += String(chunk);
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
  });
}

async function startInstance(env: Record<string, string>): Promise<{ url: string; secrets: string[] }> {
  const urls = Object.fromEntries(upstreamNames.map((name) => [upstreamSettings[name][0], sims[name].url]));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, ...simulatorCredentials, ...urls, ...callback, PORT: '0', LOG_LEVEL: 'info', REDIS_URL: redisUrl, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const [, url] = await waitFor(child, /at (http:\/\/127\.0\.0\.1:\d+)\/graphql/);
  await vi.waitFor(async () => expect((await fetch(`${url}/readiness`)).status).toBe(200), { timeout: 20_000 });
  return { url: url as string, secrets: loadConfig({ ...simulatorCredentials, ...callback }).secrets };
}

async function fileOrder(national: string): Promise<string> {
  const sim = sims.dashboard;
  const res = await fetch(`${sim.url}/accounts/${simulatorCredentials.BANDWIDTH_ACCOUNT_ID}/disconnects`, {
    method: 'POST',
    headers: {
      'content-type': 'application/xml',
      authorization: `Basic ${Buffer.from(`${simulatorCredentials.BANDWIDTH_USERNAME}:${simulatorCredentials.BANDWIDTH_PASSWORD}`).toString('base64')}`,
    },
    body: `<DisconnectTelephoneNumberOrder><DisconnectTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>${national}</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>`,
  });
  return String(res.headers.get('location')).split('/').pop() as string;
}

beforeAll(async () => {
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(redis);
  await waitFor(redis, /Ready to accept connections/);
  redisUrl = `redis://127.0.0.1:${port}`;
  sims = (await startSimulators(loadConfig({}).upstreams, { orderStepMs: 'manual' })) as Simulators;
}, 30_000);

afterAll(async () => {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await closeSimulators(sims);
});

// Each test starts two gateway processes: slow on a busy two-core machine.
describe('several instances on Redis', { timeout: 90_000 }, () => {
  it('completes a subscription held on instance B from a callback that reached instance A', async () => {
    const [a, b] = await Promise.all([startInstance({ DISCONNECT_POLL_MS: '600000' }), startInstance({ DISCONNECT_POLL_MS: '600000' })]);
    sims.dashboard.setCallback({ url: `${a.url}/callbacks/bandwidth`, username: callback.BANDWIDTH_CALLBACK_USERNAME, password: callback.BANDWIDTH_CALLBACK_PASSWORD });
    const id = await fileOrder('8285550142');
    const events = await subscribe(b, FollowDisconnectOrderDocument, { id }, async (_, index) => {
      if (index < 2) await sims.dashboard.advanceOrder(id);
    });
    sims.dashboard.setCallback(undefined);
    expect(events.map((e) => e.data?.disconnectOrder?.status)).toEqual(['RECEIVED', 'PROCESSING', 'COMPLETE']);
    expect(sims.dashboard.callbacksSent.filter((c) => c.orderId === id).map((c) => c.httpStatus)).toEqual([200, 200]);
  });

  it('polls an order watched on two instances from one watcher only', async () => {
    const [a, b] = await Promise.all([startInstance({ DISCONNECT_POLL_MS: '50' }), startInstance({ DISCONNECT_POLL_MS: '50' })]);
    const id = await fileOrder('7045550123');
    await sims.dashboard.advanceOrder(id);
    sims.dashboard.resetRequests();
    let advanced = false;
    const onA = subscribe(a, FollowDisconnectOrderDocument, { id });
    const onB = subscribe(b, FollowDisconnectOrderDocument, { id }, async () => {
      // Once both watch, let a few polls happen, then finish the order so both subscriptions end.
      if (advanced) return;
      advanced = true;
      await vi.waitFor(() => expect(sims.dashboard.requests.filter((r) => String(r.headers['x-request-id']).startsWith('poll-')).length).toBeGreaterThanOrEqual(3), {
        timeout: 5_000,
      });
      await sims.dashboard.advanceOrder(id);
    });
    const [eventsA, eventsB] = await Promise.all([onA, onB]);
    expect(eventsA.at(-1)?.data?.disconnectOrder?.status).toBe('COMPLETE');
    expect(eventsB.at(-1)?.data?.disconnectOrder?.status).toBe('COMPLETE');
    const pollers = new Set(sims.dashboard.requests.map((r) => String(r.headers['x-request-id'])).filter((rid) => rid.startsWith('poll-')));
    expect(pollers.size).toBe(1);
  });
});

describe('retirePhoneNumber across instances', { timeout: 90_000 }, () => {
  it('remembers in Redis what was done, so a second call on another instance files no second order', async () => {
    const [a, b] = await Promise.all([startInstance({}), startInstance({})]);
    const retire = async (url: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: `mutation { retirePhoneNumber(customerId: "${ACME}", number: "+1 919 230 2749") { complete steps { name status reason order { id } } } }`,
        }),
      });
      return ((await res.json()) as { data: { retirePhoneNumber: { complete: boolean; steps: { status: string; reason: string | null; order: { id: string } | null }[] } } }).data
        .retirePhoneNumber;
    };
    const postsBefore = sims.dashboard.requests.filter((r) => r.method === 'POST').length;
    const first = await retire(a.url);
    const second = await retire(b.url);
    expect(first.complete).toBe(true);
    expect(second.steps.map((s) => s.reason)).toEqual(Array(5).fill('already done by an earlier call'));
    expect(second.steps[4]?.order?.id).toBe(first.steps[4]?.order?.id);
    expect(sims.dashboard.requests.filter((r) => r.method === 'POST').length - postsBefore).toBe(1);
  });
});
