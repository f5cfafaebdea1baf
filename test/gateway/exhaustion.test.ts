// What an upstream or a caller sends cannot exhaust the gateway: an upstream answer is read up to
// UPSTREAM_MAX_BODY_BYTES, one operation makes at most MAX_UPSTREAM_CALLS upstream calls, and every alias
// counts against the alias limit.
import { describe, expect, it, vi } from 'vitest';
import { queryLimits } from '../../src/plugins/use-query-limits.js';
import { ACME } from '../../src/simulators/demo.js';
import { codes, useGateway } from '../support/gateway.js';

const gw = useGateway({ UPSTREAM_MAX_BODY_BYTES: String(1024 * 1024), MAX_UPSTREAM_CALLS: '20', UPSTREAM_RETRIES: '0' });
const phones = `{ customer(id: "${ACME}") { phones { version } } }`;

describe('an upstream answer longer than UPSTREAM_MAX_BODY_BYTES', () => {
  it.each([
    ['streamed without a length', false],
    ['declared by its Content-Length', true],
  ])('%s is cut off: UPSTREAM_BAD_RESPONSE naming the limit, the rest never read', async (_, declared) => {
    gw.sims.customerPhones.inject({ kind: 'flood', bytes: 48 * 1024 * 1024, declared }, { times: 1 });
    const res = await gw.graphql(phones);
    expect(codes(res)).toEqual(['UPSTREAM_BAD_RESPONSE']);
    expect(res.errors?.[0]?.message).toContain('longer than 1048576 bytes');
    // The simulator sees the connection close once its next write fails: soon after the answer, not before it.
    await vi.waitFor(() => expect(gw.sims.customerPhones.cutOff).toBe(1));
  });

  it('leaves the gateway serving the next request', async () => {
    gw.sims.customerPhones.inject({ kind: 'flood', bytes: 8 * 1024 * 1024 }, { times: 1 });
    await gw.graphql(phones);
    const next = await gw.graphql(phones);
    expect(next.errors).toBeUndefined();
  });
});

describe('upstream calls of one operation past MAX_UPSTREAM_CALLS', () => {
  const wide = (n: number) => `{ customers(ids: [${Array.from({ length: n }, (_, i) => `"c${i}"`).join(',')}]) { phoneNumbers { id } } }`;

  it('are not made: the fields past the limit fail with an error naming it', async () => {
    const res = await gw.graphql(wide(30));
    expect(gw.calls('phoneNumbers')).toBe(20);
    const limited = (res.errors ?? []).filter((e) => e.extensions?.code === 'QUERY_LIMIT_EXCEEDED');
    expect(limited).toHaveLength(10);
    expect(limited[0]?.extensions).toMatchObject({ limit: 'MAX_UPSTREAM_CALLS' });
  });

  it('are counted per operation: the next operation has its own', async () => {
    await gw.graphql(wide(20));
    const next = await gw.graphql(wide(20));
    expect(codes(next).filter((c) => c === 'QUERY_LIMIT_EXCEEDED')).toEqual([]);
  });

  it('leave reads the operation already made, answered again from its memo, uncounted', async () => {
    const res = await gw.graphql(
      `{ ${Array.from({ length: 25 }, (_, i) => `c${i}: customer(id: "${ACME}") { phoneNumbers { id } }`).join(' ')} }`,
    );
    expect(codes(res)).toEqual([]);
    expect(gw.calls('phoneNumbers')).toBe(1);
  });
});

describe('the alias limit', () => {
  it(`counts __typename aliases: ${queryLimits.maxAliases + 1} of them are refused`, async () => {
    const res = await gw.graphql(`{ ${Array.from({ length: queryLimits.maxAliases + 1 }, (_, i) => `t${i}: __typename`).join(' ')} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxAliases' });
  });
});
