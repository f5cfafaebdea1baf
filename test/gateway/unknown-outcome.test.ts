// Writes whose outcome is unknown: only a 4xx, 429 or 503 says a write was not applied. After a 500, 502,
// 504, a timeout or a reset the gateway says the outcome is unknown, never sends the write again on its
// own account (not in a later call either), drops what the response cache held, and lets an operator settle
// a disconnect order's outcome.
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { scopes } from '../../src/auth.js';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { codes, startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
});

const secret = 'unknown-outcome-test-signing-key-32chars';
const tokenFor = async (scope: string) =>
  `Bearer ${await new SignJWT({ scope, sub: 'ops' }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(new TextEncoder().encode(secret))}`;
const operator = async () => ({ authorization: await tokenFor(scopes.join(' ')) });

const disconnect = `mutation($n: String!) { disconnectNumber(number: $n) { orderFiledNow order { id } } }`;
const posts = () => gw.sims.dashboard.requests.filter((r) => r.method === 'POST').length;

describe('a write answered with a status that does not say it was refused', () => {
  it.each([500, 502, 504])('HTTP %s: the disconnect order is not filed again by the next call', async (status) => {
    gw = await startTestGateway();
    gw.sims.dashboard.inject({ kind: 'applied', status }, { method: 'POST', times: 1 });
    const first = await gw.graphql(disconnect, { n: '+17045550123' });
    expect(first.errors?.[0]?.extensions).toMatchObject({ upstream: 'dashboard', outcomeUnknown: true });
    expect(first.errors?.[0]?.message).toContain('may have been applied');
    const again = await gw.graphql(disconnect, { n: '+17045550123' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ outcomeUnknown: true });
    expect(again.errors?.[0]?.message).toContain('settleDisconnectOrder');
    expect(posts()).toBe(1);
  });

  it.each([
    ['a reset', { kind: 'reset' } as const],
    ['no answer in time', { kind: 'hang' } as const],
  ])('%s: the disconnect order is not filed again by the next call', async (_, fault) => {
    gw = await startTestGateway({ UPSTREAM_TIMEOUT_MS: '300' });
    gw.sims.dashboard.inject(fault, { method: 'POST', times: 1 });
    await gw.graphql(disconnect, { n: '+17045550123' });
    const again = await gw.graphql(disconnect, { n: '+17045550123' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ outcomeUnknown: true });
    expect(posts()).toBe(1);
  });

  it.each([400, 429, 503])('HTTP %s says the order was not filed: the next call files it', async (status) => {
    gw = await startTestGateway();
    gw.sims.dashboard.inject({ kind: 'status', status }, { method: 'POST', times: 1 });
    const first = await gw.graphql(disconnect, { n: '+17045550123' });
    expect(first.errors?.[0]?.extensions?.outcomeUnknown).toBeUndefined();
    const again = await gw.graphql(disconnect, { n: '+17045550123' });
    expect(again.data?.disconnectNumber).toMatchObject({ orderFiledNow: true });
    expect(posts()).toBe(2);
  });

  it.each([
    ['customerPhones', `mutation { deletePhones(customerId: "${ACME}", keys: ["5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03"]) { version } }`],
    ['phoneNumbers', `mutation { createPhoneNumber(customerId: "${KIWI}", input: { type: HOME, phoneNumber: "379 1234" }) { id } }`],
    ['contacts', `mutation { deleteContacts(customerId: "${ACME}", ids: ["e7fcef24-5c03-41dd-9e33-995b7d6f32b1"]) { requestId } }`],
    ['uapi', 'mutation { hangUpCalls(extension: "0003*210") { hungUpIds } }'],
  ] as const)('through %s, says its outcome is unknown and sends it once', async (upstream, mutation) => {
    gw = await startTestGateway();
    gw.sims[upstream].inject({ kind: 'applied', status: 502 });
    const res = await gw.graphql(mutation);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream, outcomeUnknown: true });
    expect(gw.sims[upstream].requests.filter((r) => r.method !== 'GET')).toHaveLength(1);
  });
});

describe('a workflow step whose write has an unknown outcome', () => {
  it('says so in its retirePhoneNumber step, and the steps after it do not run', async () => {
    gw = await startTestGateway();
    gw.sims.phoneNumbers.inject({ kind: 'applied', status: 504 }, { method: 'DELETE' });
    const res = await gw.graphql<{ retirePhoneNumber: { steps: { name: string; status: string; outcomeUnknown: boolean }[] } }>(
      `mutation { retirePhoneNumber(customerId: "${ACME}", number: "+18283334444") { steps { name status outcomeUnknown } } }`,
    );
    const steps = res.data?.retirePhoneNumber.steps ?? [];
    expect(steps.find((s) => s.name === 'PHONE_NUMBERS')).toEqual({ name: 'PHONE_NUMBERS', status: 'FAILED', outcomeUnknown: true });
    expect(steps.filter((s) => s.status === 'NOT_RUN').map((s) => s.outcomeUnknown)).toEqual([false, false, false]);
  });

  it("says so in disconnectNumbers' result for the number", async () => {
    gw = await startTestGateway();
    gw.sims.dashboard.inject({ kind: 'applied', status: 502 }, { method: 'POST' });
    const res = await gw.graphql<{ disconnectNumbers: { number: string; outcomeUnknown: boolean }[] }>(
      'mutation { disconnectNumbers(numbers: ["+17045550123"]) { number outcomeUnknown } }',
    );
    expect(res.data?.disconnectNumbers).toEqual([{ number: '+17045550123', outcomeUnknown: true }]);
  });
});

describe('the response cache after a write whose outcome is unknown', () => {
  it('drops what the write may have changed', async () => {
    gw = await startTestGateway({ RESPONSE_CACHE_TTL_MS: '60000' });
    const read = `{ customer(id: "${KIWI}") { phoneNumbers { id } } }`;
    const before = await gw.graphql<{ customer: { phoneNumbers: { id: string }[] } }>(read);
    gw.sims.phoneNumbers.inject({ kind: 'applied', status: 504 }, { method: 'POST' });
    const write = await gw.graphql(
      `mutation { createPhoneNumber(customerId: "${KIWI}", input: { type: HOME, phoneNumber: "379 1234" }) { id } }`,
    );
    expect(write.errors?.[0]?.extensions?.outcomeUnknown).toBe(true);
    const after = await gw.graphql<{ customer: { phoneNumbers: { id: string }[] } }>(read);
    expect(after.data?.customer.phoneNumbers).toHaveLength((before.data?.customer.phoneNumbers.length ?? 0) + 1);
  });
});

describe('an operator settling a disconnect order whose outcome is unknown', () => {
  const pending = '{ pendingDisconnectOrders { number since reason } }';
  const settle = `mutation($n: String!, $o: ID) { settleDisconnectOrder(number: $n, orderId: $o) { number order { id numbers } } }`;
  const unknownOrder = async () => {
    gw = await startTestGateway({ AUTH_JWT_SECRET: secret });
    gw.sims.dashboard.inject({ kind: 'applied', status: 504 }, { method: 'POST', times: 1 });
    await gw.graphql(disconnect, { n: '+17045550123' }, await operator());
    return [...gw.sims.dashboard.state.orders.keys()].at(-1) as string;
  };

  it('finds the number in pendingDisconnectOrders', async () => {
    await unknownOrder();
    const res = await gw.graphql(pending, undefined, await operator());
    expect(res.data?.pendingDisconnectOrders).toEqual([{ number: '+17045550123', since: expect.any(String), reason: expect.any(String) }]);
  });

  it('needs the operator scope to list or settle', async () => {
    await unknownOrder();
    const caller = { authorization: await tokenFor(scopes.filter((s) => s !== 'operator').join(' ')) };
    expect(codes(await gw.graphql(pending, undefined, caller))).toEqual(['FORBIDDEN']);
    expect(codes(await gw.graphql(settle, { n: '+17045550123', o: null }, caller))).toEqual(['FORBIDDEN']);
  });

  it('with the order the Dashboard shows: the next call returns that order and files none', async () => {
    const orderId = await unknownOrder();
    const settled = await gw.graphql(settle, { n: '(704) 555-0123', o: orderId }, await operator());
    expect(settled.data?.settleDisconnectOrder).toEqual({ number: '+17045550123', order: { id: orderId, numbers: ['+17045550123'] } });
    const next = await gw.graphql(disconnect, { n: '+17045550123' }, await operator());
    expect(next.data?.disconnectNumber).toEqual({ orderFiledNow: false, order: { id: orderId } });
    expect(posts()).toBe(1);
    expect((await gw.graphql(pending, undefined, await operator())).data?.pendingDisconnectOrders).toEqual([]);
  });

  it('refuses an order that does not list the number, and keeps the number pending', async () => {
    await unknownOrder();
    const other = await gw.graphql<{ disconnectNumber: { order: { id: string } } }>(disconnect, { n: '+19192302749' }, await operator());
    const otherId = other.data?.disconnectNumber.order.id as string;
    const res = await gw.graphql(settle, { n: '+17045550123', o: otherId }, await operator());
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.argument).toBe('orderId');
    expect((await gw.graphql(pending, undefined, await operator())).data?.pendingDisconnectOrders).toHaveLength(1);
  });

  it('with none filed: the next call files the order', async () => {
    await unknownOrder();
    gw.sims.dashboard.state.orders.clear();
    const settled = await gw.graphql(settle, { n: '+17045550123', o: null }, await operator());
    expect(settled.data?.settleDisconnectOrder).toEqual({ number: '+17045550123', order: null });
    const next = await gw.graphql(disconnect, { n: '+17045550123' }, await operator());
    expect(next.data?.disconnectNumber).toMatchObject({ orderFiledNow: true });
    expect(posts()).toBe(2);
  });

  it('refuses to settle a number whose order is known', async () => {
    gw = await startTestGateway({ AUTH_JWT_SECRET: secret });
    await gw.graphql(disconnect, { n: '+17045550123' }, await operator());
    const res = await gw.graphql(settle, { n: '+17045550123', o: null }, await operator());
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
  });
});
