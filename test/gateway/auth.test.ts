import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { type Scope, scopes } from '../../src/auth.js';
import type { UpstreamName } from '../../src/config.js';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { codes, useGateway } from '../support/gateway.js';

const secret = 'test-signing-key-with-at-least-32-characters';
const gw = useGateway({ AUTH_JWT_SECRET: secret }, { fresh: true });

async function token(scope: string, { expiresIn = '5m', key = secret, alg = 'HS256' } = {}): Promise<string> {
  return new SignJWT({ scope })
    .setProtectedHeader({ alg })
    .setSubject('user-1')
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(key));
}
const bearer = async (scope: string, options?: Parameters<typeof token>[1]) => ({ authorization: `Bearer ${await token(scope, options)}` });

describe('authentication', () => {
  it('refuses a request without a token with 401 and UNAUTHENTICATED, before any upstream call', async () => {
    const res = await gw.graphql(`{ customer(id: "${ACME}") { phones { version } } }`);
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(gw.totalCalls()).toBe(0);
  });

  it.each([
    ['signed with another key', { key: 'another-signing-key-with-32-characters!!' }],
    ['expired', { expiresIn: '-1m' }],
    ['signed with HS512 instead of HS256', { alg: 'HS512' }],
  ])('refuses a token %s', async (_, options) => {
    const res = await gw.graphql(`{ customer(id: "${ACME}") { id } }`, {}, await bearer('phones:read', options));
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });

  it('says when a token has expired', async () => {
    const res = await gw.graphql(`{ customer(id: "${ACME}") { id } }`, {}, await bearer('phones:read', { expiresIn: '-1m' }));
    expect(res.errors?.[0]?.message).toContain('expired');
  });

  it('serves a valid token without scopes the fields that need none', async () => {
    const res = await gw.graphql(`{ customer(id: "${ACME}") { id } }`, {}, await bearer(''));
    expect(res.data).toEqual({ customer: { id: ACME } });
  });
});

/** Every scope rule: the operation, the scope it needs, and the upstream it would have called. */
const rules: [string, Scope, UpstreamName, string][] = [
  ['Customer.phones', 'phones:read', 'customerPhones', `{ customer(id: "${ACME}") { phones { version } } }`],
  ['Customer.phoneNumbers', 'phones:read', 'phoneNumbers', `{ customer(id: "${ACME}") { phoneNumbers { id } } }`],
  ['Customer.primaryPhoneNumber', 'phones:read', 'phoneNumbers', `{ customer(id: "${ACME}") { primaryPhoneNumber { id } } }`],
  ['Customer.contacts', 'contacts:read', 'contacts', `{ customer(id: "${ACME}") { contacts { totalElements } } }`],
  ['Query.carrierNumber', 'numbers:read', 'catapult', `{ carrierNumber(number: "+19192302749") { id } }`],
  ['Query.disconnectOrder', 'numbers:read', 'dashboard', `{ disconnectOrder(id: "x-1") { id } }`],
  ['Query.phoneCalls', 'calls:read', 'uapi', `{ phoneCalls(extension: "@self") { id } }`],
  [
    'Mutation.deletePhones',
    'phones:write',
    'customerPhones',
    `mutation { deletePhones(customerId: "${ACME}", keys: ["5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03"]) { version } }`,
  ],
  [
    'Mutation.createPhoneNumber',
    'phones:write',
    'phoneNumbers',
    `mutation { createPhoneNumber(customerId: "${KIWI}", input: { type: HOME, phoneNumber: "379 1234", areaCode: "09", countryCode: "+64" }) { id } }`,
  ],
  [
    'Mutation.updatePhoneNumber',
    'phones:write',
    'phoneNumbers',
    `mutation { updatePhoneNumber(customerId: "${KIWI}", id: "7777777", input: { type: HOME, phoneNumber: "264 5555", areaCode: "09", countryCode: "+64" }) { id } }`,
  ],
  ['Mutation.deletePhoneNumber', 'phones:write', 'phoneNumbers', `mutation { deletePhoneNumber(customerId: "${KIWI}", id: "7777777") }`],
  [
    'Mutation.deleteContacts',
    'contacts:write',
    'contacts',
    `mutation { deleteContacts(customerId: "${ACME}", ids: ["e7fcef24-5c03-41dd-9e33-995b7d6f32b1"]) { requestId } }`,
  ],
  ['Mutation.hangUpCalls', 'calls:write', 'uapi', `mutation { hangUpCalls(extension: "0003*210") { hungUpIds } }`],
  ['Mutation.disconnectNumber', 'numbers:disconnect', 'catapult', `mutation { disconnectNumber(number: "+17045550123") { number } }`],
];

describe.each(rules)('%s', (_, scope, upstream, operation) => {
  it(`is FORBIDDEN without ${scope}, naming it, and calls no upstream`, async () => {
    const otherScopes = scopes.filter((s) => s !== scope).join(' ');
    const res = await gw.graphql(operation, {}, await bearer(otherScopes));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors?.[0]?.message).toContain(scope);
    expect(gw.totalCalls()).toBe(0);
  });

  it(`is served with ${scope}`, async () => {
    const res = await gw.graphql(operation, {}, await bearer(scope));
    expect(res.errors).toBeUndefined();
    expect(gw.calls(upstream)).toBeGreaterThan(0);
  });
});

describe('nested fields', () => {
  it('nulls the carrier join alone when the token lacks numbers:read', async () => {
    const res = await gw.graphql(`{ customer(id: "${ACME}") { phoneNumbers { e164 carrier { id } } } }`, {}, await bearer('phones:read'));
    expect(res.data).toMatchObject({ customer: { phoneNumbers: [{ e164: '+18283334444', carrier: null }, {}, {}] } });
    expect(new Set(codes(res))).toEqual(new Set(['FORBIDDEN']));
    expect(gw.calls('catapult')).toBe(0);
  });
});

describe('Mutation.retirePhoneNumber', () => {
  const retire = (extension: string | null) =>
    `mutation { retirePhoneNumber(customerId: "${ACME}", number: "+18283334444"${extension ? `, extension: "${extension}"` : ''}) { complete } }`;

  it.each([
    ['numbers:disconnect', 'phones:write calls:write', null],
    ['phones:write', 'numbers:disconnect calls:write', null],
    ['calls:write', 'numbers:disconnect phones:write', '@self'],
  ])('is FORBIDDEN without %s, and calls no upstream', async (missing, granted, extension) => {
    const res = await gw.graphql(retire(extension), {}, await bearer(granted));
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(res.errors?.[0]?.message).toContain(missing);
    expect(gw.totalCalls()).toBe(0);
  });

  it('names every scope it lacks', async () => {
    const res = await gw.graphql(retire('@self'), {}, await bearer('phones:write'));
    expect(res.errors?.[0]?.message).toBe('Mutation.retirePhoneNumber needs the scope numbers:disconnect and calls:write');
    expect(gw.totalCalls()).toBe(0);
  });

  it('is served with numbers:disconnect and phones:write when no extension is given', async () => {
    const res = await gw.graphql<{ retirePhoneNumber: { complete: boolean } }>(
      retire(null),
      {},
      await bearer('numbers:disconnect phones:write'),
    );
    expect(res.data?.retirePhoneNumber.complete).toBe(true);
  });
});
