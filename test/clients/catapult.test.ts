import { describe, expect, it } from 'vitest';
import { startCatapultSimulator } from '../../src/simulators/catapult.js';
import { CatapultClient } from '../../src/upstreams/catapult/client.js';
import { basicAuth } from '../../src/upstreams/http/request.js';
import { httpFor, upstreamFailure, useUpstream } from '../support/http.js';

const credentials = { userId: 'u-test', apiToken: 't-token', apiSecret: 'the-secret' };
const up = useUpstream({
  upstream: 'catapult',
  start: () => startCatapultSimulator(credentials),
  headers: { authorization: basicAuth(credentials.apiToken, credentials.apiSecret) },
  client: (http) => new CatapultClient(http, credentials.userId),
});

describe('catapult client (Bandwidth Voice & Messaging)', () => {
  it('finds a number by E.164 with the + sent literally and Basic token:secret', async () => {
    const number = await up.client.findNumber('+19192302749');
    expect(number).toMatchObject({ id: 'n-alghk4678lkghsdf', number: '+19192302749', city: 'CARY', price: '0.35' });
    expect(up.sim.requests[0]).toMatchObject({ method: 'GET', path: '/v1/users/u-test/phoneNumbers/+19192302749' });
    expect(up.sim.requests[0]?.headers.authorization).toBe(basicAuth('t-token', 'the-secret'));
  });

  it('answers null for a number that is not imported (404)', async () => {
    expect(await up.client.findNumber('+18285550142')).toBeNull();
  });

  it('un-imports by number-id with DELETE, after which the number is not found', async () => {
    const number = await up.client.findNumber('+17045550123');
    await up.client.unimport(number?.id as string);
    expect(up.sim.requests[1]).toMatchObject({ method: 'DELETE', path: `/v1/users/u-test/phoneNumbers/${number?.id}` });
    expect(await up.client.findNumber('+17045550123')).toBeNull();
  });

  it('reports un-importing an unknown number-id as NOT_FOUND with the upstream code', async () => {
    const failure = await upstreamFailure(up.client.unimport('n-unknown'));
    expect(failure.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: 'catapult', upstreamCode: 'number-not-found' });
  });

  it('reports wrong credentials as UNAUTHENTICATED without the secret in the error', async () => {
    const wrong = httpFor('catapult', up.sim.url, { authorization: basicAuth('t-token', 'wrong-secret') });
    const failure = await upstreamFailure(new CatapultClient(wrong, 'u-test').findNumber('+19192302749'));
    await wrong.close();
    expect(failure.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify([failure.message, failure.extensions])).not.toMatch(/wrong-secret|the-secret/);
  });

  it.each([
    [{ kind: 'hang' } as const, 'UPSTREAM_TIMEOUT'],
    [{ kind: 'reset' } as const, 'UPSTREAM_UNAVAILABLE'],
    [{ kind: 'malformed' } as const, 'UPSTREAM_BAD_RESPONSE'],
    [{ kind: 'html' } as const, 'UPSTREAM_BAD_RESPONSE'],
    [{ kind: 'status', status: 502 } as const, 'UPSTREAM_UNAVAILABLE'],
  ])('reports the fault %o as %s', async (fault, code) => {
    up.sim.inject(fault);
    expect((await upstreamFailure(up.client.findNumber('+19192302749'))).code).toBe(code);
  });
});
