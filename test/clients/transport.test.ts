// The transport every client shares, tested once against one real simulator: which faults are retried
// and how often, that a write is never sent twice, and the per-request memo of reads that writes clear.
import { describe, expect, it } from 'vitest';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import type { Fault } from '../../src/simulators/server.js';
import { CustomerPhonesClient } from '../../src/upstreams/customerPhones/client.js';
import { customerPhones } from '../../src/upstreams/customerPhones/index.js';
import { upstreamFailure, useUpstream } from '../support/http.js';

const token = 'transport-token';
const up = useUpstream({
  upstream: 'customerPhones',
  start: () => customerPhones.simulator({ host: '127.0.0.1', port: 0 }, { CUSTOMER_PHONES_TOKEN: token }),
  headers: customerPhones.headers({ CUSTOMER_PHONES_TOKEN: token }),
  client: (http) => new CustomerPhonesClient(http),
  fresh: true,
  timeoutMs: 150,
});
const sent = () => up.sim.requests.length;
const allAttempts = 3; // the first and the default 2 retries

describe('a read through a fault', () => {
  it.each<[string, Fault, string, number]>([
    ['503', { kind: 'status', status: 503 }, 'UPSTREAM_UNAVAILABLE', allAttempts],
    ['502', { kind: 'status', status: 502 }, 'UPSTREAM_UNAVAILABLE', allAttempts],
    ['500', { kind: 'status', status: 500 }, 'UPSTREAM_UNAVAILABLE', 1],
    ['429 with Retry-After: 0', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }, 'UPSTREAM_UNAVAILABLE', allAttempts],
    [
      '429 with a Retry-After beyond the time budget',
      { kind: 'status', status: 429, headers: { 'retry-after': '30' } },
      'UPSTREAM_UNAVAILABLE',
      1,
    ],
    ['a hang', { kind: 'hang' }, 'UPSTREAM_TIMEOUT', 1],
    ['a connection reset', { kind: 'reset' }, 'UPSTREAM_UNAVAILABLE', allAttempts],
    ['a truncated body', { kind: 'malformed' }, 'UPSTREAM_BAD_RESPONSE', 1],
    ['an HTML page from a proxy', { kind: 'html' }, 'UPSTREAM_BAD_RESPONSE', 1],
  ])('%s is %s after %i attempt(s), and the next read is served', async (_, fault, code, attempts) => {
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
  it.each<[string, Fault, string]>([
    ['503', { kind: 'status', status: 503 }, 'UPSTREAM_UNAVAILABLE'],
    ['a connection reset', { kind: 'reset' }, 'UPSTREAM_UNAVAILABLE'],
    ['a hang', { kind: 'hang' }, 'UPSTREAM_TIMEOUT'],
  ])('%s is %s and the write was sent exactly once', async (_, fault, code) => {
    up.sim.inject(fault, { method: 'DELETE' });
    const failure = await upstreamFailure(up.client.deletePhones(ACME, ['5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03']));
    expect(failure.code).toBe(code);
    expect(up.sim.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
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
    await client.deletePhones(ACME, ['5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03']);
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
