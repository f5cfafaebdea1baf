// A failing upstream fails only the fields that need it; everything else is still data.
import { describe, expect, it } from 'vitest';
import { ACME } from '../../src/simulators/demo.js';
import { CustomerDashboardDocument } from '../generated/graphql.js';
import { useGateway } from '../support/gateway.js';

// No retries: these tests are about which fields fail; retrying is the transport's (transport.test.ts).
const gw = useGateway({ UPSTREAM_TIMEOUT_MS: '300', UPSTREAM_RETRIES: '0' });

describe('partial results', () => {
  it('nulls only contacts when the Contacts API is down, with its code and upstream', async () => {
    gw.sims.contacts.inject({ kind: 'status', status: 503 });
    const res = await gw.graphql(CustomerDashboardDocument, { id: ACME });
    expect(res.data?.customer?.contacts).toBeNull();
    expect(res.data?.customer?.phones?.items).toHaveLength(3);
    expect(res.data?.customer?.phoneNumbers).toHaveLength(3);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]).toMatchObject({
      path: ['customer', 'contacts'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE', upstream: 'contacts' },
    });
  });

  it('treats the Contacts error envelope on HTTP 200 as a failure, not as data', async () => {
    gw.sims.contacts.inject({ kind: 'envelope', errorCode: 'GLOBAL_1001' });
    const res = await gw.graphql(CustomerDashboardDocument, { id: ACME });
    expect(res.data?.customer?.contacts).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'contacts', upstreamCode: 'GLOBAL_1001' });
  });

  it('nulls only the carrier records when the carrier times out', async () => {
    gw.sims.catapult.inject({ kind: 'hang' });
    const res = await gw.graphql(CustomerDashboardDocument, { id: ACME });
    expect(res.data?.customer?.phoneNumbers?.map((p) => p.carrier)).toEqual([null, null, null]);
    expect(res.data?.customer?.phoneNumbers?.map((p) => p.e164)).toEqual(['+18283334444', '+19192302749', '+18285550199']);
    expect(new Set(res.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['UPSTREAM_TIMEOUT']));
  });

  it('reports an HTML page from a proxy as UPSTREAM_BAD_RESPONSE without its content', async () => {
    gw.sims.phoneNumbers.inject({ kind: 'html' });
    const res = await gw.graphql(CustomerDashboardDocument, { id: ACME });
    expect(res.data?.customer?.phoneNumbers).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstream: 'phoneNumbers' });
    expect(JSON.stringify(res.errors)).not.toContain('<html>');
  });

  it('keeps serving after upstream faults: the next request succeeds', async () => {
    gw.sims.customerPhones.inject({ kind: 'reset' });
    const failed = await gw.graphql(CustomerDashboardDocument, { id: ACME });
    expect(failed.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    gw.sims.customerPhones.clearFaults();
    const next = await gw.graphql(CustomerDashboardDocument, { id: ACME });
    expect(next.errors).toBeUndefined();
  });

  it('never shows an upstream URL or credential in an error', async () => {
    gw.sims.customerPhones.inject({ kind: 'reset' });
    gw.sims.catapult.inject({ kind: 'status', status: 401 });
    const res = await gw.graphql(CustomerDashboardDocument, { id: ACME });
    const text = JSON.stringify(res.errors);
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(text).not.toContain('127.0.0.1');
    for (const secret of gw.gateway.services.config.secrets) expect(text).not.toContain(secret);
  });
});
