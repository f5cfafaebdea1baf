// The response cache (RESPONSE_CACHE_TTL_MS): a repeated read is answered without the upstreams, each
// of the gateway's own writes drops what it made stale, and one caller never gets another's answer.
import { SignJWT } from 'jose';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { scopes } from '../../src/auth.js';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { useGateway } from '../support/gateway.js';

const secret = 'response-cache-test-signing-key-32ch!';
const gw = useGateway({ RESPONSE_CACHE_TTL_MS: '60000', AUTH_JWT_SECRET: secret }, { fresh: true });
const tokenFor = (scope: string, sub = 'tester') =>
  new SignJWT({ scope, sub }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(secret));
const all = scopes.join(' ');
const as = async (scope = all) => ({ authorization: `Bearer ${await tokenFor(scope)}` });
const expiredToken = () =>
  new SignJWT({ scope: all, sub: 'tester' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
    .sign(new TextEncoder().encode(secret));

describe('the response cache', () => {
  it('answers a repeated read without calling any upstream', async () => {
    const headers = await as();
    const query = `{ customer(id: "${ACME}") { id phones { version } phoneNumbers { id carrier { id } } contacts { totalElements } } }`;
    const first = await gw.graphql(query, undefined, headers);
    gw.resetCalls();
    const second = await gw.graphql(query, undefined, headers);
    expect(second.data).toEqual(first.data);
    expect(gw.totalCalls()).toBe(0);
  });

  it('answers 304 to a client that sends back the ETag it was given', async () => {
    const headers = { ...(await as()), 'content-type': 'application/json', accept: 'application/graphql-response+json' };
    const body = JSON.stringify({ query: `{ customer(id: "${KIWI}") { phoneNumbers { id } } }` });
    const first = await request(`${gw.url}/graphql`, { method: 'POST', headers, body });
    await first.body.dump();
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await request(`${gw.url}/graphql`, { method: 'POST', headers: { ...headers, 'if-none-match': etag }, body });
    await again.body.dump();
    expect(again.statusCode).toBe(304);
  });

  const revalidate = async (headers: Record<string, string>, etag: string, query: string) => {
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', 'if-none-match': etag, ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: res.statusCode, etag: res.headers.etag, text: await res.body.text() };
  };
  const firstEtag = async (query: string) => (await revalidate(await as(), '"none"', query)).etag as string;

  it.each([
    ['no token', async () => ({})],
    ['a bad token', async () => ({ authorization: 'Bearer not.a.token' })],
    ['an expired token', async () => ({ authorization: `Bearer ${await expiredToken()}` })],
  ])('answers If-None-Match with %s by refusing it, never with 304', async (_, headers) => {
    const query = `{ customer(id: "${KIWI}") { phoneNumbers { id } } }`;
    const etag = await firstEtag(query);
    const res = await revalidate(await headers(), etag, query);
    expect(res.status).toBe(401);
  });

  it("answers If-None-Match with another caller's token lacking the scope by the scope's error, not 304", async () => {
    const query = `{ customer(id: "${KIWI}") { phoneNumbers { id } } }`;
    const etag = await firstEtag(query);
    const res = await revalidate(await as('contacts:read'), etag, query);
    expect(res.status).toBe(200);
    expect(res.text).toContain('FORBIDDEN');
  });

  it('gives a new ETag once a write changed the content, and no 304 to the old one', async () => {
    const headers = await as();
    const query = `{ customer(id: "${KIWI}") { phoneNumbers { id } } }`;
    const etag = await firstEtag(query);
    await gw.graphql(
      `mutation { createPhoneNumber(customerId: "${KIWI}", input: { type: HOME, countryCode: "+64", areaCode: "09", phoneNumber: "379 1234" }) { id } }`,
      undefined,
      headers,
    );
    const res = await revalidate(headers, etag, query);
    expect(res.status).toBe(200);
    expect(res.etag).not.toBe(etag);
  });

  it('never serves a cached answer to a token that has expired since it was cached', async () => {
    const exp = Math.floor(Date.now() / 1000) + 1;
    const token = await new SignJWT({ scope: all, sub: 'tester' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));
    const query = `{ customer(id: "${KIWI}") { phoneNumbers { id } } }`;
    expect((await gw.graphql(query, undefined, { authorization: `Bearer ${token}` })).errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 50));
    const res = await gw.graphql(query, undefined, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(401);
  });

  it.each([
    [
      'deletePhones',
      `mutation { deletePhones(customerId: "${ACME}", keys: ["5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03"]) { version } }`,
      `{ customer(id: "${ACME}") { phones { version } } }`,
    ],
    [
      'createPhoneNumber',
      `mutation { createPhoneNumber(customerId: "${KIWI}", input: { type: HOME, countryCode: "+64", areaCode: "09", phoneNumber: "379 1234" }) { id } }`,
      `{ customer(id: "${KIWI}") { phoneNumbers { id } } }`,
    ],
    [
      'deleteContacts',
      `mutation { deleteContacts(customerId: "${ACME}", ids: ["e7fcef24-5c03-41dd-9e33-995b7d6f32b1"]) { requestId } }`,
      `{ customer(id: "${ACME}") { contacts { items { id status } } } }`,
    ],
    [
      'disconnectNumber',
      `mutation { disconnectNumber(number: "+19192302749") { unimported } }`,
      `{ carrierNumber(number: "+19192302749") { id } }`,
    ],
    [
      'retirePhoneNumber',
      `mutation { retirePhoneNumber(customerId: "${ACME}", number: "+18283334444") { complete } }`,
      `{ customer(id: "${ACME}") { phoneNumbers { id } } }`,
    ],
  ])('shows the effect of %s on the next read', async (_, mutation, read) => {
    const headers = await as();
    const before = await gw.graphql(read, undefined, headers);
    const written = await gw.graphql(mutation, undefined, headers);
    expect(written.errors).toBeUndefined();
    const after = await gw.graphql(read, undefined, headers);
    expect(after.errors).toBeUndefined();
    expect(after.data).not.toEqual(before.data);
  });

  it('never gives one caller the answer cached for another with other scopes', async () => {
    const query = `{ customer(id: "${ACME}") { phones { version } } }`;
    await gw.graphql(query, undefined, await as('phones:read'));
    gw.resetCalls();
    const other = await gw.graphql(query, undefined, await as('phones:read contacts:read'));
    expect(other.errors).toBeUndefined();
    expect(gw.calls('customerPhones')).toBe(1);
  });

  it('does not cache what changes without a write through the gateway: live calls', async () => {
    const headers = await as();
    await gw.graphql('{ phoneCalls(extension: "@self") { id } }', undefined, headers);
    gw.resetCalls();
    await gw.graphql('{ phoneCalls(extension: "@self") { id } }', undefined, headers);
    expect(gw.calls('uapi')).toBe(1);
  });
});
