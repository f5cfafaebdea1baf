// The transport every client shares, tested once against one real simulator: which faults are retried
// and how often, that a write is never sent twice, and the per-request memo of reads that writes clear.
import { describe, expect, it, vi } from 'vitest';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import type { Fault } from '../../src/simulators/server.js';
import { CustomerPhonesClient } from '../../src/upstreams/customerPhones/client.js';
import { customerPhones } from '../../src/upstreams/customerPhones/index.js';
import { upstreamFailure, useUpstream } from '../support/http.js';

const token = 'transport-token';
/** The Customer Phones simulator, afresh for each test, and a client of it with this time budget. */
const customerPhonesWithin = (timeoutMs: number) =>
  useUpstream({
    upstream: 'customerPhones',
    start: () => customerPhones.simulator({ host: '127.0.0.1', port: 0 }, { CUSTOMER_PHONES_TOKEN: token }),
    headers: customerPhones.headers({ CUSTOMER_PHONES_TOKEN: token }),
    client: (http) => new CustomerPhonesClient(http),
    fresh: true,
    timeoutMs,
    retries: 2,
  });
// Room for the default 2 retries and their back-off (at most 50 + 100 ms) on a loaded machine.
const up = customerPhonesWithin(2_000);
const sent = () => up.sim.requests.length;
const allAttempts = 3;
const PHONE = '5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03';

describe('a read through a fault', () => {
  it.each<[string, string, number, Fault]>([
    ['503', 'UPSTREAM_UNAVAILABLE', allAttempts, { kind: 'status', status: 503 }],
    ['502', 'UPSTREAM_UNAVAILABLE', allAttempts, { kind: 'status', status: 502 }],
    ['500', 'UPSTREAM_UNAVAILABLE', 1, { kind: 'status', status: 500 }],
    ['429 with Retry-After: 0', 'UPSTREAM_UNAVAILABLE', allAttempts, { kind: 'status', status: 429, headers: { 'retry-after': '0' } }],
    [
      '429 with a Retry-After beyond the time budget',
      'UPSTREAM_UNAVAILABLE',
      1,
      { kind: 'status', status: 429, headers: { 'retry-after': '30' } },
    ],
    ['a connection reset', 'UPSTREAM_UNAVAILABLE', allAttempts, { kind: 'reset' }],
    ['a truncated body', 'UPSTREAM_BAD_RESPONSE', 1, { kind: 'malformed' }],
    ['an HTML page from a proxy', 'UPSTREAM_BAD_RESPONSE', 1, { kind: 'html' }],
  ])('%s is %s after %i attempt(s), and the next read is served', async (_, code, attempts, fault) => {
    up.sim.inject(fault);
    const failure = await upstreamFailure(up.client.list(ACME));
    expect(failure.extensions).toMatchObject({ code, upstream: 'customerPhones' });
    expect(sent()).toBe(attempts);
    up.sim.clearFaults();
    await expect(up.client.list(ACME)).resolves.toMatchObject({ customerId: ACME });
  });

  it('recovers by itself when the fault clears between retries', async () => {
    up.sim.inject({ kind: 'status', status: 503 }, { times: 2 });
    await expect(up.client.list(ACME)).resolves.toMatchObject({ customerId: ACME });
    expect(sent()).toBe(3);
  });
});

describe('a write through a fault', () => {
  it.each<[string, string, Fault]>([
    ['503', 'UPSTREAM_UNAVAILABLE', { kind: 'status', status: 503 }],
    ['a connection reset', 'UPSTREAM_UNAVAILABLE', { kind: 'reset' }],
  ])('%s is %s and the write was sent exactly once', async (_, code, fault) => {
    up.sim.inject(fault, { method: 'DELETE' });
    const failure = await upstreamFailure(up.client.deletePhones(ACME, [PHONE]));
    expect(failure.code).toBe(code);
    expect(up.sim.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });
});

describe('an upstream that hangs', () => {
  const hung = customerPhonesWithin(150);

  it('is UPSTREAM_TIMEOUT after one read, and the next read is served', async () => {
    hung.sim.inject({ kind: 'hang' });
    expect((await upstreamFailure(hung.client.list(ACME))).code).toBe('UPSTREAM_TIMEOUT');
    expect(hung.sim.requests).toHaveLength(1);
    hung.sim.clearFaults();
    await expect(hung.client.list(ACME)).resolves.toMatchObject({ customerId: ACME });
  });

  it('is UPSTREAM_TIMEOUT of unknown outcome for a write, sent exactly once', async () => {
    hung.sim.inject({ kind: 'hang' }, { method: 'DELETE' });
    const failure = await upstreamFailure(hung.client.deletePhones(ACME, [PHONE]));
    expect(failure.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', outcomeUnknown: true });
    expect(hung.sim.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });
});

describe("a request's memo of reads", () => {
  it('reads a path once per request, however often it is asked for', async () => {
    const client = new CustomerPhonesClient(up.http.forRequest('r-1'));
    await Promise.all([client.list(ACME), client.list(ACME), client.list(KIWI)]);
    await client.list(ACME);
    expect(up.sim.requests.map((r) => r.path)).toEqual([`/v1/customers/${ACME}/phones`, `/v1/customers/${KIWI}/phones`]);
  });

  it('forgets the reads a write changes, so the request reads what the write left', async () => {
    const client = new CustomerPhonesClient(up.http.forRequest('r-2'));
    const before = await client.list(ACME);
    await client.deletePhones(ACME, [PHONE]);
    const after = await client.list(ACME);
    expect(after.phones).toHaveLength(before.phones.length - 1);
    expect(up.sim.requests.map((r) => r.method)).toEqual(['GET', 'DELETE', 'GET']);
  });

  it('is not shared between requests, and absent without a request', async () => {
    await new CustomerPhonesClient(up.http.forRequest('r-3')).list(ACME);
    await new CustomerPhonesClient(up.http.forRequest('r-4')).list(ACME);
    await up.client.list(ACME);
    await up.client.list(ACME);
    expect(sent()).toBe(4);
  });
});

describe('a read joined by other requests', () => {
  it('is read once for all of them: they get the one value its first caller made of the answer', async () => {
    up.sim.inject({ kind: 'hold' }, { times: 1 });
    const lists = ['r-5', 'r-6', 'r-7'].map((id) => new CustomerPhonesClient(up.http.forRequest(id)).list(ACME));
    await vi.waitFor(() => expect(sent()).toBe(1), { interval: 10 });
    up.sim.releaseHeld();
    const [first, ...others] = await Promise.all(lists);
    expect(first).toMatchObject({ customerId: ACME });
    for (const other of others) expect(other).toBe(first);
    expect(sent()).toBe(1);
  });

  it('whose answer is a failure is read by each caller, each getting an error of its own', async () => {
    up.sim.inject({ kind: 'hold' }, { times: 1 });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const lists = ['r-8', 'r-9'].map((id) => upstreamFailure(new CustomerPhonesClient(up.http.forRequest(id)).list(unknown)));
    await vi.waitFor(() => expect(sent()).toBe(1), { interval: 10 });
    up.sim.releaseHeld();
    const [first, second] = await Promise.all(lists);
    expect(first?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(second?.extensions).toMatchObject({ code: 'NOT_FOUND' });
    expect(second).not.toBe(first);
    expect(sent()).toBe(1);
  });
});
