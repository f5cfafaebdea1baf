import { describe, expect, it } from 'vitest';
import { startUapiSimulator } from '../../src/simulators/uapi.js';
import { UapiClient } from '../../src/upstreams/uapi/client.js';
import { httpFor, upstreamFailure, useUpstream } from '../support/http.js';

const token = 'uapi-token';
const up = useUpstream({
  upstream: 'uapi',
  start: () => startUapiSimulator({ token }),
  headers: { authorization: `Bearer ${token}` },
  client: (http) => new UapiClient(http),
  fresh: true,
});

describe('UAPI PhoneCalls client', () => {
  it('lists calls with @me and 0003*210 sent literally in the path', async () => {
    const calls = await up.client.listCalls('@me', '0003*210');
    expect(calls.map((c) => c.id)).toEqual(['7d280cc4feae3255a497', 'a1b2c3d4e5f60718293a']);
    expect(up.sim.requests[0]).toMatchObject({ method: 'GET', path: '/uapi/phoneCalls/@me/0003*210' });
    expect(up.sim.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('lists every extension of the user with @self', async () => {
    const calls = await up.client.listCalls('@me', '@self');
    expect(new Set(calls.map((c) => c.extension))).toEqual(new Set(['0003*210', '0003*211']));
  });

  it('hangs up one call by id with the phone number as a query parameter, + literal', async () => {
    const calls = await up.client.hangUp('@me', '0003*210', { phoneCallId: 'a1b2c3d4e5f60718293a', phoneNumber: '+19192302749' });
    expect(calls).toEqual([{ id: 'a1b2c3d4e5f60718293a' }]);
    expect(up.sim.requests[0]).toMatchObject({
      method: 'DELETE',
      path: '/uapi/phoneCalls/@me/0003*210/a1b2c3d4e5f60718293a?phoneNumber=%2B19192302749',
    });
  });

  it('hangs up every call of the extension without a call id', async () => {
    expect(await up.client.hangUp('@me', '0003*210')).toEqual([{ id: '7d280cc4feae3255a497' }, { id: 'a1b2c3d4e5f60718293a' }]);
    expect(await up.client.listCalls('@me', '0003*210')).toEqual([]);
  });

  it('reads whole PhoneCall objects in the 200 body, as seed 004 models it (Array<PhoneCall>)', async () => {
    const body = JSON.stringify([
      {
        id: '7d280cc4feae3255a497',
        extension: '0003*210',
        phoneNumber: '8887777',
        direction: 'incoming',
        status: 'active',
        startedAt: '2026-11-24T09:00:00Z',
      },
    ]);
    up.sim.inject({ kind: 'status', status: 200, contentType: 'application/json', body }, { times: 1 });
    expect(await up.client.hangUp('@me', '0003*210')).toEqual([
      {
        id: '7d280cc4feae3255a497',
        extension: '0003*210',
        phoneNumber: '8887777',
        direction: 'incoming',
        status: 'active',
        startedAt: '2026-11-24T09:00:00Z',
      },
    ]);
  });

  it('reads 204 (nothing to hang up) as an empty list', async () => {
    await up.client.hangUp('@me', '0003*210');
    expect(await up.client.hangUp('@me', '0003*210')).toEqual([]);
  });

  it('hangs up nothing when the call does not involve the given number', async () => {
    expect(await up.client.hangUp('@me', '0003*210', { phoneCallId: '7d280cc4feae3255a497', phoneNumber: '+19192302749' })).toEqual([]);
    expect(await up.client.listCalls('@me', '0003*210')).toHaveLength(2);
  });

  it('reports an unknown call id as BAD_USER_INPUT with pc_phoncall_invalid', async () => {
    const failure = await upstreamFailure(up.client.hangUp('@me', '0003*210', { phoneCallId: 'nosuchcall' }));
    expect(failure.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'uapi', upstreamCode: 'pc_phoncall_invalid' });
  });

  it('reports an invalid phone number as BAD_USER_INPUT with pc_phonenumber_invalid', async () => {
    const failure = await upstreamFailure(up.client.hangUp('@me', '0003*210', { phoneNumber: '12-34' }));
    expect(failure.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstreamCode: 'pc_phonenumber_invalid' });
  });

  it('reports a bad token as UNAUTHENTICATED', async () => {
    const wrong = httpFor('uapi', up.sim.url, { authorization: 'Bearer nope' });
    expect((await upstreamFailure(new UapiClient(wrong).listCalls('@me', '@self'))).code).toBe('UNAUTHENTICATED');
    await wrong.close();
  });

  it.each([
    [{ kind: 'hang' } as const, 'UPSTREAM_TIMEOUT'],
    [{ kind: 'reset' } as const, 'UPSTREAM_UNAVAILABLE'],
    [{ kind: 'malformed' } as const, 'UPSTREAM_BAD_RESPONSE'],
  ])('reports the fault %o as %s', async (fault, code) => {
    up.sim.inject(fault);
    expect((await upstreamFailure(up.client.listCalls('@me', '@self'))).code).toBe(code);
  });
});
