// Each upstream through each fault: the code the caller sees, the data that survives, how many
// times the upstream was asked (reads retried, writes never), and that the next request succeeds.
import { beforeEach, describe, expect, it } from 'vitest';
import type { UpstreamName } from '../../src/config.js';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import type { Fault } from '../../src/simulators/server.js';
import { useGateway } from '../support/gateway.js';

const gw = useGateway({ UPSTREAM_TIMEOUT_MS: '400' });
beforeEach(() => {
  gw.sims.dashboard.state.orders.set('fault-suite-order', {
    id: 'fault-suite-order',
    requestId: 'r-1',
    name: 'fault suite',
    createdAt: '2026-11-24T10:00:00Z',
    numbers: ['8285550142'],
    disconnected: [],
    status: 'PROCESSING',
  });
});

/** A read of each upstream, next to a field from another upstream that must survive its failure. */
const reads: Record<UpstreamName, { query: string; failed: (data: any) => unknown; survived: (data: any) => unknown }> = {
  customerPhones: {
    query: `{ customer(id: "${ACME}") { phones { version } phoneNumbers { id } } }`,
    failed: (d) => d.customer.phones,
    survived: (d) => d.customer.phoneNumbers,
  },
  phoneNumbers: {
    query: `{ customer(id: "${ACME}") { phoneNumbers { id } phones { version } } }`,
    failed: (d) => d.customer.phoneNumbers,
    survived: (d) => d.customer.phones,
  },
  catapult: {
    query: `{ carrierNumber(number: "+19192302749") { id } customer(id: "${KIWI}") { phones { version } } }`,
    failed: (d) => d.carrierNumber,
    survived: (d) => d.customer.phones,
  },
  dashboard: {
    query: `{ disconnectOrder(id: "fault-suite-order") { id } customer(id: "${KIWI}") { phones { version } } }`,
    failed: (d) => d.disconnectOrder,
    survived: (d) => d.customer.phones,
  },
  contacts: {
    query: `{ customer(id: "${ACME}") { contacts { totalElements } phones { version } } }`,
    failed: (d) => d.customer.contacts,
    survived: (d) => d.customer.phones,
  },
  uapi: {
    query: `{ phoneCalls(extension: "@self") { id } customer(id: "${KIWI}") { phones { version } } }`,
    failed: (d) => d.phoneCalls,
    survived: (d) => d.customer.phones,
  },
};

const upstreams = Object.keys(reads) as UpstreamName[];
const allAttempts = 3; // the first and UPSTREAM_RETRIES=2 more

const readFaults: [string, Fault, string, number][] = [
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
];

describe.each(upstreams)('%s read', (upstream) => {
  it.each(readFaults)(
    'through %s: %s, the rest is data, asked as often as allowed, then serves again',
    async (_, fault, code, attempts) => {
      const { query, failed, survived } = reads[upstream];
      gw.sims[upstream].inject(fault);
      const res = await gw.graphql(query);
      expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.upstream])).toEqual([[code, upstream]]);
      expect(failed(res.data)).toBeNull();
      expect(survived(res.data)).not.toBeNull();
      expect(gw.calls(upstream)).toBe(attempts);

      gw.sims[upstream].clearFaults();
      const next = await gw.graphql(query);
      expect(next.errors).toBeUndefined();
    },
  );
});

describe('faults particular to one upstream', () => {
  it('retries the Contacts error envelope GLOBAL_1001 on HTTP 200, which the document calls retryable', async () => {
    gw.sims.contacts.inject({ kind: 'envelope', errorCode: 'GLOBAL_1001' });
    const res = await gw.graphql(reads.contacts.query);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamCode: 'GLOBAL_1001' });
    expect(gw.calls('contacts')).toBe(allAttempts);
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

  it('recovers by itself when a fault clears between retries', async () => {
    gw.sims.customerPhones.inject({ kind: 'status', status: 503 }, { times: 2 });
    const res = await gw.graphql(reads.customerPhones.query);
    expect(res.errors).toBeUndefined();
    expect(gw.calls('customerPhones')).toBe(3);
  });
});

/**
 * Each write, and the upstream it writes to: none is sent twice, whatever the fault. A reset or a hang
 * leaves the disconnect order's outcome unknown, which blocks that number for good: each fault gets its own.
 */
const writes: [UpstreamName, string][] = [
  ['customerPhones', `mutation { deletePhones(customerId: "${ACME}", keys: ["5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03"]) { version } }`],
  [
    'phoneNumbers',
    `mutation { createPhoneNumber(customerId: "${KIWI}", input: { type: HOME, phoneNumber: "379 1234", areaCode: "09", countryCode: "+64" }) { id } }`,
  ],
  ['phoneNumbers', `mutation { deletePhoneNumber(customerId: "${KIWI}", id: "7777777") }`],
  ['contacts', `mutation { deleteContacts(customerId: "${ACME}", ids: ["e7fcef24-5c03-41dd-9e33-995b7d6f32b1"]) { requestId } }`],
  ['uapi', `mutation { hangUpCalls(extension: "0003*210") { hungUpIds } }`],
  ['dashboard', `mutation { disconnectNumber(number: "+1 828 555 01FAULT") { order { id } } }`],
];

describe.each(writes)('%s write', (upstream, mutation) => {
  it.each([
    ['503', { kind: 'status', status: 503 } as Fault, 'UPSTREAM_UNAVAILABLE', '42'],
    ['a connection reset', { kind: 'reset' } as Fault, 'UPSTREAM_UNAVAILABLE', '43'],
    ['a hang', { kind: 'hang' } as Fault, 'UPSTREAM_TIMEOUT', '44'],
  ])('through %s is %s and is sent exactly once', async (_, fault, code, number) => {
    // disconnectNumber reads the carrier first; the fault is on the Dashboard's POST.
    gw.sims[upstream].inject(fault, upstream === 'dashboard' ? { method: 'POST' } : {});
    const res = await gw.graphql(mutation.replace('FAULT', number));
    expect(res.errors?.[0]?.extensions).toMatchObject({ code, upstream });
    const writesSent = gw.sims[upstream].requests.filter((r) => r.method !== 'GET');
    expect(writesSent).toHaveLength(1);
  });
});
