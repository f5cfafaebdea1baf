import { describe, expect, it } from 'vitest';
import { startCustomerPhonesSimulator } from '../../src/simulators/customerPhones.js';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { CustomerPhonesClient } from '../../src/upstreams/customerPhones/client.js';
import { httpFor, upstreamFailure, useUpstream } from '../support/http.js';

const token = 'test-token';
const up = useUpstream({
  upstream: 'customerPhones',
  start: () => startCustomerPhonesSimulator({ token }),
  headers: { authorization: `Bearer ${token}` },
  client: (http) => new CustomerPhonesClient(http),
});

describe('Customer Phones client', () => {
  it('lists a customer phones with GET /v1/customers/{id}/phones and the bearer token', async () => {
    const list = await up.client.list(KIWI);
    expect(list).toMatchObject({
      customerId: KIWI,
      version: '1',
      phones: [{ type: 'Phone', country: 'NZ', numberInternational: '+64 9 264 5555' }],
    });
    expect(up.sim.requests).toHaveLength(1);
    expect(up.sim.requests[0]).toMatchObject({ method: 'GET', path: `/v1/customers/${KIWI}/phones`, body: '' });
    expect(up.sim.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('deletes keys with DELETE, the version as a query parameter and the keys as a JSON body', async () => {
    const before = await up.client.list(ACME);
    const key = before.phones[2]?.key as string;
    up.sim.resetRequests();
    const result = await up.client.deletePhones(ACME, [key], before.version);
    expect(result.phonesRemoved.map((p) => p.key)).toEqual([key]);
    expect(result.totalPhonesAttached).toBe(before.phones.length - 1);
    expect(result.version).not.toBe(before.version);
    expect(up.sim.requests[0]).toMatchObject({ method: 'DELETE', path: `/v1/customers/${ACME}/phones?version=${before.version}` });
    expect(JSON.parse(up.sim.requests[0]?.body ?? '')).toEqual({ keys: [key] });
    expect(up.sim.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('reports a stale version as CONFLICT with the current version, and deletes nothing', async () => {
    const before = await up.client.list(ACME);
    const failure = await upstreamFailure(up.client.deletePhones(ACME, [before.phones[0]?.key as string], 'stale'));
    expect(failure.extensions).toMatchObject({ code: 'CONFLICT', upstream: 'customerPhones', currentVersion: before.version });
    expect((await up.client.list(ACME)).phones).toHaveLength(before.phones.length);
  });

  it('reports an unknown key as BAD_USER_INPUT and deletes none of the keys', async () => {
    const before = await up.client.list(ACME);
    const failure = await upstreamFailure(
      up.client.deletePhones(ACME, [before.phones[0]?.key as string, '00000000-0000-4000-8000-000000000000']),
    );
    expect(failure.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'customerPhones' });
    expect(failure.message).toContain('Unknown phone key');
    expect((await up.client.list(ACME)).phones).toHaveLength(before.phones.length);
  });

  it("passes the problem's type on as upstreamCode and its safe extensions as upstreamExtensions", async () => {
    const before = await up.client.list(ACME);
    const failure = await upstreamFailure(up.client.deletePhones(ACME, ['00000000-0000-4000-8000-000000000000']));
    expect(failure.extensions).toMatchObject({
      upstreamCode: 'https://httpstatuses.io/400',
      upstreamExtensions: { unknownKeys: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(before.phones).toHaveLength((await up.client.list(ACME)).phones.length);
  });

  it('passes on only plain problem extensions: no nested objects, no odd names', async () => {
    const problem = {
      type: 'urn:problem:odd',
      title: 'Odd',
      status: 400,
      extensions: { nested: { secret: 'x' }, 'bad name': 1, count: 2, flags: [true, 'a'] },
    };
    up.sim.inject({ kind: 'status', status: 400, contentType: 'application/problem+json', body: JSON.stringify(problem) }, { times: 1 });
    const failure = await upstreamFailure(up.client.list(ACME));
    expect(failure.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstreamCode: 'urn:problem:odd' });
    expect(failure.extensions.upstreamExtensions).toEqual({ count: 2, flags: [true, 'a'] });
  });

  it('reports an empty key list as BAD_USER_INPUT', async () => {
    const failure = await upstreamFailure(up.client.deletePhones(ACME, []));
    expect(failure.code).toBe('BAD_USER_INPUT');
  });

  it('reports a malformed customer id as BAD_USER_INPUT and an unknown one as NOT_FOUND', async () => {
    expect((await upstreamFailure(up.client.list('not-a-uuid'))).code).toBe('BAD_USER_INPUT');
    expect((await upstreamFailure(up.client.list('00000000-0000-4000-8000-000000000000'))).code).toBe('NOT_FOUND');
  });

  it('reports refused credentials as UNAUTHENTICATED without echoing them', async () => {
    const wrong = httpFor('customerPhones', up.sim.url, { authorization: 'Bearer wrong-secret' });
    const failure = await upstreamFailure(new CustomerPhonesClient(wrong).list(ACME));
    await wrong.close();
    expect(failure.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify({ message: failure.message, extensions: failure.extensions })).not.toContain('wrong-secret');
  });

  it('reports a hanging upstream as UPSTREAM_TIMEOUT', async () => {
    up.sim.inject({ kind: 'hang' }, { times: 1 });
    expect((await upstreamFailure(up.client.list(ACME))).code).toBe('UPSTREAM_TIMEOUT');
  });

  it('reports a reset connection as UPSTREAM_UNAVAILABLE', async () => {
    up.sim.inject({ kind: 'reset' });
    expect((await upstreamFailure(up.client.list(ACME))).code).toBe('UPSTREAM_UNAVAILABLE');
  });

  it('reports a truncated body as UPSTREAM_BAD_RESPONSE', async () => {
    up.sim.inject({ kind: 'malformed' });
    expect((await upstreamFailure(up.client.list(ACME))).code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it('reports a 503 as UPSTREAM_UNAVAILABLE', async () => {
    up.sim.inject({ kind: 'status', status: 503 });
    expect((await upstreamFailure(up.client.list(ACME))).extensions).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      upstream: 'customerPhones',
    });
  });

  it('reports a write that timed out after sending as of unknown outcome', async () => {
    up.sim.inject({ kind: 'hang' }, { times: 1, method: 'DELETE' });
    const failure = await upstreamFailure(up.client.deletePhones(ACME, ['00000000-0000-4000-8000-000000000000']));
    expect(failure.code).toBe('UPSTREAM_TIMEOUT');
    expect(failure.extensions.outcomeUnknown).toBe(true);
  });
});
