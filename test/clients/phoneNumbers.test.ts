import { describe, expect, it } from 'vitest';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { startPhoneNumbersSimulator } from '../../src/simulators/phoneNumbers.js';
import { PhoneNumbersClient } from '../../src/upstreams/phoneNumbers/client.js';
import { httpFor, upstreamFailure, useUpstream } from '../support/http.js';

const key = 'subscription-key';
const base = '/CustomerServices/v1.0';
const up = useUpstream({
  upstream: 'phoneNumbers',
  start: () => startPhoneNumbersSimulator({ subscriptionKey: key, basePath: base }),
  headers: { 'ocp-apim-subscription-key': key },
  client: (http) => new PhoneNumbersClient(http),
});

describe('Phone Number client', () => {
  it('lists under the base URL path prefix, reading the string "true" as a boolean', async () => {
    const list = await up.client.list(KIWI);
    expect(list).toEqual([
      {
        id: '7777777',
        customerId: KIWI,
        name: 'john',
        countryCode: '+64',
        areaCode: '09',
        type: 'mobile',
        phoneNumber: '264 5555',
        isPrimary: true,
      },
    ]);
    expect(up.sim.requests[0]).toMatchObject({ method: 'GET', path: `${base}/customers/${KIWI}/phoneNumbers` });
    expect(up.sim.requests[0]?.headers['ocp-apim-subscription-key']).toBe(key);
  });

  it('fetches one number by id', async () => {
    const one = await up.client.get(ACME, '1000002');
    expect(one).toMatchObject({ id: '1000002', type: 'mobile', isPrimary: false });
    expect(up.sim.requests[0]?.path).toBe(`${base}/customers/${ACME}/phoneNumbers/1000002`);
  });

  it('creates with POST, sending isPrimary as a string and no phoneNumberId, and the new primary replaces the old', async () => {
    const created = await up.client.create(ACME, {
      type: 'home',
      name: 'Home',
      countryCode: '+1',
      areaCode: '828',
      phoneNumber: '555 0111',
      isPrimary: true,
    });
    expect(created).toMatchObject({ type: 'home', isPrimary: true });
    expect(up.sim.requests[0]?.method).toBe('POST');
    expect(JSON.parse(up.sim.requests[0]?.body ?? '')).toEqual({
      name: 'Home',
      countryCode: '+1',
      areaCode: '828',
      type: 'home',
      phoneNumber: '555 0111',
      isPrimary: 'true',
    });
    const primaries = (await up.client.list(ACME)).filter((p) => p.isPrimary);
    expect(primaries.map((p) => p.id)).toEqual([created.id]);
  });

  it('updates with PUT of the whole object, phoneNumberId included', async () => {
    const updated = await up.client.update(ACME, '1000003', {
      type: 'fax',
      name: 'Fax 2',
      phoneNumber: '555 0199',
      areaCode: '828',
      countryCode: '+1',
      isPrimary: false,
    });
    expect(updated.name).toBe('Fax 2');
    expect(up.sim.requests[0]).toMatchObject({ method: 'PUT', path: `${base}/customers/${ACME}/phoneNumbers/1000003` });
    expect(JSON.parse(up.sim.requests[0]?.body ?? '')).toMatchObject({ phoneNumberId: '1000003', isPrimary: 'false' });
  });

  it('takes a 200 with the object as a successful create (seed 001 names no status)', async () => {
    const body = JSON.stringify({
      phoneNumberId: '1000200',
      type: 'home',
      phoneNumber: '555 0111',
      areaCode: '828',
      countryCode: '+1',
      isPrimary: 'false',
    });
    up.sim.inject({ kind: 'status', status: 200, contentType: 'application/json', body }, { method: 'POST', times: 1 });
    const created = await up.client.create(ACME, {
      type: 'home',
      phoneNumber: '555 0111',
      areaCode: '828',
      countryCode: '+1',
      isPrimary: false,
    });
    expect(created).toMatchObject({ id: '1000200', type: 'home' });
  });

  it('reads a created number back from its Location when the create answers with no body', async () => {
    up.sim.inject(
      { kind: 'status', status: 201, body: '', headers: { location: `${base}/customers/${KIWI}/phoneNumbers/7777777` } },
      { method: 'POST', times: 1 },
    );
    const created = await up.client.create(KIWI, {
      type: 'mobile',
      phoneNumber: '264 5555',
      areaCode: '09',
      countryCode: '+64',
      isPrimary: true,
    });
    expect(created).toMatchObject({ id: '7777777', name: 'john' });
    expect(up.sim.requests.map((r) => r.method)).toEqual(['POST', 'GET']);
  });

  it('reads an updated number back when the update answers 204 with no body', async () => {
    up.sim.inject({ kind: 'status', status: 204 }, { method: 'PUT', times: 1 });
    const updated = await up.client.update(ACME, '1000002', {
      type: 'mobile',
      name: 'Dana Reyes',
      phoneNumber: '230 2749',
      areaCode: '919',
      countryCode: '+1',
      isPrimary: false,
    });
    expect(updated).toMatchObject({ id: '1000002', name: 'Dana Reyes' });
    expect(up.sim.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT ${base}/customers/${ACME}/phoneNumbers/1000002`,
      `GET ${base}/customers/${ACME}/phoneNumbers/1000002`,
    ]);
  });

  it('takes a 200 as a successful delete', async () => {
    up.sim.inject({ kind: 'status', status: 200, body: '' }, { method: 'DELETE', times: 1 });
    await expect(up.client.remove(ACME, '1000003')).resolves.toBeUndefined();
  });

  it('deletes with DELETE and reads the 204 with no body', async () => {
    const created = await up.client.create(KIWI, {
      type: 'work',
      phoneNumber: '379 1234',
      areaCode: '09',
      countryCode: '+64',
      isPrimary: false,
    });
    up.sim.resetRequests();
    await up.client.remove(KIWI, created.id);
    expect(up.sim.requests[0]).toMatchObject({ method: 'DELETE', path: `${base}/customers/${KIWI}/phoneNumbers/${created.id}` });
    expect((await up.client.list(KIWI)).map((p) => p.id)).not.toContain(created.id);
  });

  it('reports a validation problem (a name over 50 characters) as BAD_USER_INPUT with its detail', async () => {
    const failure = await upstreamFailure(
      up.client.create(ACME, { type: 'work', name: 'x'.repeat(51), phoneNumber: '1', isPrimary: false }),
    );
    expect(failure.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'phoneNumbers' });
    expect(failure.message).toContain('at most 50');
  });

  it('reports an unknown number or customer as NOT_FOUND', async () => {
    expect((await upstreamFailure(up.client.get(ACME, '9999999'))).code).toBe('NOT_FOUND');
    expect((await upstreamFailure(up.client.list('00000000-0000-4000-8000-000000000000'))).code).toBe('NOT_FOUND');
  });

  it('reports a wrong subscription key as UNAUTHENTICATED', async () => {
    const wrong = httpFor('phoneNumbers', up.sim.url, { 'ocp-apim-subscription-key': 'nope' });
    expect((await upstreamFailure(new PhoneNumbersClient(wrong).list(ACME))).code).toBe('UNAUTHENTICATED');
    await wrong.close();
  });

  it('reports a number whose isPrimary is not "true" or "false" as UPSTREAM_BAD_RESPONSE', async () => {
    up.sim.state.customers.get(KIWI)?.push({ phoneNumberId: '8888888', type: 'work', phoneNumber: '1', isPrimary: 'yes' as 'true' });
    const failure = await upstreamFailure(up.client.list(KIWI));
    up.sim.state.customers.get(KIWI)?.pop();
    expect(failure.code).toBe('UPSTREAM_BAD_RESPONSE');
  });

  it.each([
    [{ kind: 'hang' } as const, 'UPSTREAM_TIMEOUT'],
    [{ kind: 'reset' } as const, 'UPSTREAM_UNAVAILABLE'],
    [{ kind: 'malformed' } as const, 'UPSTREAM_BAD_RESPONSE'],
  ])('reports the transport fault %o as %s', async (fault, code) => {
    up.sim.inject(fault);
    expect((await upstreamFailure(up.client.list(ACME))).code).toBe(code);
  });
});
