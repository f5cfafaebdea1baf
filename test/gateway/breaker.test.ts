import { describe, expect, it, vi } from 'vitest';
import { ACME } from '../../src/simulators/demo.js';
import { useGateway } from '../support/gateway.js';

const gw = useGateway({ CIRCUIT_BREAKER_THRESHOLD: '2', CIRCUIT_BREAKER_HALF_OPEN_MS: '200', UPSTREAM_RETRIES: '0' }, { fresh: true });
const query = `{ customer(id: "${ACME}") { phones { version } phoneNumbers { id } } }`;

describe('circuit breaker', () => {
  it('fails fast without calling an upstream that keeps failing, and the other upstreams still serve', async () => {
    gw.sims.customerPhones.inject({ kind: 'status', status: 503 });
    await gw.graphql(query);
    await gw.graphql(query);
    expect(gw.calls('customerPhones')).toBe(2);

    const res = await gw.graphql(query);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'customerPhones', circuitOpen: true });
    expect(gw.calls('customerPhones')).toBe(2);
    expect(res.data).toMatchObject({ customer: { phones: null, phoneNumbers: [{ id: '1000001' }, { id: '1000002' }, { id: '1000003' }] } });
  });

  it('probes the upstream again after a while and closes when it is back', async () => {
    gw.sims.customerPhones.inject({ kind: 'status', status: 503 });
    await gw.graphql(query);
    await gw.graphql(query);
    gw.sims.customerPhones.clearFaults();
    await vi.waitFor(
      async () => {
        const res = await gw.graphql(query);
        expect(res.errors).toBeUndefined();
      },
      { timeout: 3000, interval: 50 },
    );
    expect(gw.calls('customerPhones')).toBe(3);
  });

  it('opens on consecutive outages only: an answer between two outages starts the count again', async () => {
    for (let i = 0; i < 2; i += 1) {
      gw.sims.customerPhones.inject({ kind: 'status', status: 503 }, { times: 1 });
      await gw.graphql(query);
      expect((await gw.graphql(query)).errors).toBeUndefined();
    }
    expect(gw.calls('customerPhones')).toBe(4);
  });

  it('counts refusals of the input (4xx) as an upstream that works', async () => {
    for (let i = 0; i < 3; i += 1) await gw.graphql(`{ customer(id: "00000000-0000-4000-8000-000000000000") { phones { version } } }`);
    const res = await gw.graphql(query);
    expect(res.errors).toBeUndefined();
  });
});
