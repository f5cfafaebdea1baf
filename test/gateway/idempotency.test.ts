// One intent, one write, across a client's retries: a mutation sent with an Idempotency-Key runs once per
// key and caller; a retry gets the first outcome without an upstream call, a concurrent one waits for it,
// and the same key with another request is refused.
import { SignJWT } from 'jose';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { scopes } from '../../src/auth.js';
import { KIWI } from '../../src/simulators/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
});

const create = `mutation ($name: String) { createPhoneNumber(customerId: "${KIWI}", input: { type: HOME, name: $name, countryCode: "+64", phoneNumber: "379 1234" }) { id name } }`;
const posts = () => gw.sims.phoneNumbers.requests.filter((r) => r.method === 'POST').length;

/** A mutation over HTTP with the given key (and headers); its status, replay header and parsed body. */
async function send(document: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await res.body.json()) as { data?: Record<string, unknown> | null; errors?: { extensions: Record<string, unknown> }[] };
  return { status: res.statusCode, replayed: res.headers['idempotent-replayed'], body };
}

describe('a mutation sent with an Idempotency-Key', () => {
  it('runs once: a retry gets the first outcome, marked as replayed, without an upstream call', async () => {
    gw = await startTestGateway();
    const first = await send(create, { name: 'Home' }, { 'idempotency-key': 'k-1' });
    const retry = await send(create, { name: 'Home' }, { 'idempotency-key': 'k-1' });
    expect(retry.body).toEqual(first.body);
    expect(retry.replayed).toBe('true');
    expect(first.replayed).toBeUndefined();
    expect(posts()).toBe(1);
  });

  it('runs once when the retry arrives while the first is still running: it waits and gets the same outcome', async () => {
    gw = await startTestGateway();
    gw.sims.phoneNumbers.inject({ kind: 'hold' }, { method: 'POST', times: 1 });
    const first = send(create, { name: 'Home' }, { 'idempotency-key': 'k-2' });
    const retry = send(create, { name: 'Home' }, { 'idempotency-key': 'k-2' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    gw.sims.phoneNumbers.releaseHeld();
    const [a, b] = await Promise.all([first, retry]);
    expect(b.body).toEqual(a.body);
    expect(a.body.data?.createPhoneNumber).toBeTruthy();
    expect(posts()).toBe(1);
  });

  it('replays a first attempt that failed, errors and all, rather than trying again', async () => {
    gw = await startTestGateway();
    gw.sims.phoneNumbers.inject({ kind: 'status', status: 503 }, { method: 'POST', times: 1 });
    const first = await send(create, { name: 'Home' }, { 'idempotency-key': 'k-3' });
    expect(first.body.errors?.[0]?.extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    const retry = await send(create, { name: 'Home' }, { 'idempotency-key': 'k-3' });
    expect(retry.body).toEqual(first.body);
    expect(posts()).toBe(1);
    const newIntent = await send(create, { name: 'Home' }, { 'idempotency-key': 'k-3b' });
    expect(newIntent.body.errors).toBeUndefined();
    expect(posts()).toBe(2);
  });

  it('is refused with another request under the same key, naming the header, before any upstream call', async () => {
    gw = await startTestGateway();
    await send(create, { name: 'Home' }, { 'idempotency-key': 'k-4' });
    const other = await send(create, { name: 'Work' }, { 'idempotency-key': 'k-4' });
    expect(other.status).toBe(422);
    expect(other.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', header: 'Idempotency-Key' });
    expect(posts()).toBe(1);
  });

  it('hangs up once when hangUpCalls is retried', async () => {
    gw = await startTestGateway();
    const hangUp = 'mutation { hangUpCalls(extension: "0003*210") { hungUpIds } }';
    const first = await send(hangUp, {}, { 'idempotency-key': 'k-5' });
    const retry = await send(hangUp, {}, { 'idempotency-key': 'k-5' });
    expect(retry.body).toEqual(first.body);
    expect(gw.sims.uapi.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
  });

  it('is kept per caller: another subject with the same key runs its own', async () => {
    const secret = 'idempotency-test-signing-key-of-32-chars';
    gw = await startTestGateway({ AUTH_JWT_SECRET: secret });
    const as = async (sub: string) => ({
      authorization: `Bearer ${await new SignJWT({ scope: scopes.join(' '), sub })
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode(secret))}`,
    });
    await send(create, { name: 'Home' }, { 'idempotency-key': 'shared', ...(await as('alice')) });
    const bob = await send(create, { name: 'Home' }, { 'idempotency-key': 'shared', ...(await as('bob')) });
    expect(bob.replayed).toBeUndefined();
    expect(posts()).toBe(2);
  });

  it('longer than 255 characters is refused, naming the header', async () => {
    gw = await startTestGateway();
    const res = await send(create, { name: 'Home' }, { 'idempotency-key': 'k'.repeat(256) });
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', header: 'Idempotency-Key' });
    expect(posts()).toBe(0);
  });
});

describe('without an Idempotency-Key, or on a query', () => {
  it('a mutation sent twice runs twice, as before', async () => {
    gw = await startTestGateway();
    await send(create, { name: 'Home' }, {});
    await send(create, { name: 'Home' }, {});
    expect(posts()).toBe(2);
  });

  it('a query with the header is answered afresh each time', async () => {
    gw = await startTestGateway();
    const read = `{ customer(id: "${KIWI}") { phoneNumbers { id } } }`;
    await send(read, {}, { 'idempotency-key': 'k-q' });
    await send(read, {}, { 'idempotency-key': 'k-q' });
    expect(gw.sims.phoneNumbers.requests.filter((r) => r.method === 'GET')).toHaveLength(2);
  });
});
