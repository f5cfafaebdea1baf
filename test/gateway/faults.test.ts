// Upstream faults end to end: a failing upstream fails only its own fields, the faults particular to
// one upstream's dialect, and the disconnect order sent once whatever happens to it.
import { beforeEach, describe, expect, it } from 'vitest';
import type { UpstreamName } from '../../src/config.js';
import type { Fault } from '../../src/simulators/server.js';
import { placeOrder, useGateway } from '../support/gateway.js';
import { type Data, reads } from '../support/reads.js';

// Room for a read's two retries and their back-off (up to 150 ms) on a loaded machine.
const gw = useGateway({ UPSTREAM_TIMEOUT_MS: '1000' });
beforeEach(() => {
  placeOrder(gw.sims, 'fault-suite-order', 'PROCESSING');
});

// Which faults are retried, and how often, is the transport's, tested once in test/clients/transport.test.ts;
// each client's own faults are in its client test. Here: one failing upstream fails only its own fields.
describe.each(Object.keys(reads) as UpstreamName[])('%s failing', (upstream) => {
  it('fails only the fields that need it: the rest of the response is data, and the next request is served', async () => {
    const { query, failed, survived } = reads[upstream];
    gw.sims[upstream].inject({ kind: 'status', status: 500 });
    const res = await gw.graphql<Data>(query);
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.upstream])).toEqual([['UPSTREAM_UNAVAILABLE', upstream]]);
    expect(failed(res.data as Data)).toBeNull();
    expect(survived(res.data as Data)).not.toBeNull();

    gw.sims[upstream].clearFaults();
    expect((await gw.graphql(query)).errors).toBeUndefined();
  });
});

describe('faults particular to one upstream', () => {
  it('retries the Contacts error envelope GLOBAL_1001 on HTTP 200, which the document calls retryable', async () => {
    gw.sims.contacts.inject({ kind: 'envelope', errorCode: 'GLOBAL_1001' });
    const res = await gw.graphql(reads.contacts.query);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamCode: 'GLOBAL_1001' });
    expect(gw.calls('contacts')).toBe(3); // the first and UPSTREAM_RETRIES=2 more
  });

  it('does not retry a Contacts refusal on HTTP 200 (CUSTOMER_1002)', async () => {
    gw.sims.contacts.inject({ kind: 'envelope', errorCode: 'CUSTOMER_1002' });
    const res = await gw.graphql(reads.contacts.query);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstreamCode: 'CUSTOMER_1002' });
    expect(gw.calls('contacts')).toBe(1);
  });

  it('reports XML that does not parse from the Dashboard as UPSTREAM_BAD_RESPONSE', async () => {
    gw.sims.dashboard.inject({
      kind: 'status',
      status: 200,
      contentType: 'application/xml',
      body: '<DisconnectTelephoneNumberOrderResponse><OrderStatus>',
    });
    const res = await gw.graphql(reads.dashboard.query);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstream: 'dashboard' });
  });
});

// A write through a fault is sent once at the transport (test/clients/transport.test.ts); end to end, the
// disconnect workflow adds its own memory. A reset or a hang leaves the order's outcome unknown, which
// blocks that number for good: each fault gets its own number.
describe('disconnectNumber through a fault on the Dashboard', () => {
  it.each([
    ['503', { kind: 'status', status: 503 } as Fault, 'UPSTREAM_UNAVAILABLE', '42'],
    ['a connection reset', { kind: 'reset' } as Fault, 'UPSTREAM_UNAVAILABLE', '43'],
    ['a hang', { kind: 'hang' } as Fault, 'UPSTREAM_TIMEOUT', '44'],
  ])('%s is %s and the order was sent exactly once', async (_, fault, code, number) => {
    gw.sims.dashboard.inject(fault, { method: 'POST' });
    const res = await gw.graphql(`mutation { disconnectNumber(number: "+1 828 555 01${number}") { order { id } } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, upstream: 'dashboard' });
    expect(gw.sims.dashboard.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });
});
