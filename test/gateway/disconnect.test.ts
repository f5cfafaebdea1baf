import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DisconnectNumberDocument, DisconnectOrderDocument, FollowDisconnectOrderDocument } from '../generated/graphql.js';
import { codes, startTestGateway, subscribe, type TestGateway } from '../support/gateway.js';

const callbackEnv = { BANDWIDTH_CALLBACK_USERNAME: 'bandwidth', BANDWIDTH_CALLBACK_PASSWORD: 'callback-secret' };
let gw: TestGateway;
afterEach(async () => {
  await gw.close();
});

const posts = () => gw.sims.dashboard.requests.filter((r) => r.method === 'POST').length;
const reads = () => gw.sims.dashboard.requests.filter((r) => r.method === 'GET').length;

async function fileOrder(number = '+1 704 555 0123'): Promise<string> {
  const res = await gw.graphql(DisconnectNumberDocument, { number });
  const id = res.data?.disconnectNumber?.order?.id;
  if (!id) throw new Error(`no order: ${JSON.stringify(res.errors)}`);
  return id;
}

function notify(orderId: string, authorization: string | undefined) {
  return request(`${gw.url}/callbacks/bandwidth`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml', ...(authorization ? { authorization } : {}) },
    body: `<Notification><OrderType>disconnects</OrderType><OrderId>${orderId}</OrderId><Status>COMPLETE</Status><Message>done</Message></Notification>`,
  });
}

describe('disconnectNumber', () => {
  it('un-imports the number, then files a disconnect order with the 10-digit national number', async () => {
    gw = await startTestGateway();
    const res = await gw.graphql(DisconnectNumberDocument, { number: '(704) 555-0123' });
    expect(res.errors).toBeUndefined();
    const payload = res.data?.disconnectNumber;
    expect(payload).toMatchObject({
      number: '+17045550123',
      unimported: true,
      order: { status: 'RECEIVED', numbers: ['+17045550123'], disconnectedNumbers: [] },
    });
    expect(gw.sims.catapult.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/users/u-switchboard/phoneNumbers/+17045550123`,
      `DELETE /v1/users/u-switchboard/phoneNumbers/n-q8w7e6r5t4y3u2i1`,
    ]);
    expect(gw.sims.dashboard.requests[0]?.body).toContain('<TelephoneNumber>7045550123</TelephoneNumber>');
    expect(payload?.order?.id).toBe([...gw.sims.dashboard.state.orders.keys()][0]);
  });

  it('goes straight to the order for a number that is not imported (anymore)', async () => {
    gw = await startTestGateway();
    const res = await gw.graphql(DisconnectNumberDocument, { number: '+1 828 555 0142' });
    expect(res.data?.disconnectNumber).toMatchObject({ unimported: false, order: { status: 'RECEIVED' } });
    expect(gw.sims.catapult.requests.map((r) => r.method)).toEqual(['GET']);
  });

  it('refuses a number outside NANP as BAD_USER_INPUT before any upstream call', async () => {
    gw = await startTestGateway();
    const res = await gw.graphql(DisconnectNumberDocument, { number: '+64 9 264 5555' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(gw.calls('catapult') + gw.calls('dashboard')).toBe(0);
  });

  it('resumes after the order failed: the second call files the order without un-importing again', async () => {
    gw = await startTestGateway();
    gw.sims.dashboard.inject({ kind: 'status', status: 503 }, { times: 1, method: 'POST' });
    const failed = await gw.graphql(DisconnectNumberDocument, { number: '+17045550123' });
    expect(failed.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'dashboard', unimported: true });
    const again = await gw.graphql(DisconnectNumberDocument, { number: '+17045550123' });
    expect(again.data?.disconnectNumber).toMatchObject({ unimported: false, order: { status: 'RECEIVED' } });
    expect(gw.sims.catapult.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
    expect(posts()).toBe(2);
  });

  it('files one order for a number called twice, and returns the same order both times', async () => {
    gw = await startTestGateway();
    const first = await gw.graphql(DisconnectNumberDocument, { number: '+17045550123' });
    const second = await gw.graphql(DisconnectNumberDocument, { number: '(704) 555-0123' });
    expect(first.data?.disconnectNumber).toMatchObject({ unimported: true, orderFiledNow: true });
    expect(second.data?.disconnectNumber).toMatchObject({
      unimported: false,
      orderFiledNow: false,
      order: { id: first.data?.disconnectNumber?.order?.id },
    });
    expect(posts()).toBe(1);
  });

  it('answers a second call with the order as the Dashboard has it now, not as remembered', async () => {
    gw = await startTestGateway();
    const id = await fileOrder();
    await gw.sims.dashboard.advanceOrder(id);
    const again = await gw.graphql(DisconnectNumberDocument, { number: '+17045550123' });
    expect(again.data?.disconnectNumber?.order).toMatchObject({ id, status: 'PROCESSING' });
  });

  it('files a new order when the Dashboard no longer knows the one filed before', async () => {
    gw = await startTestGateway();
    const forgotten = await fileOrder();
    gw.sims.dashboard.state.orders.delete(forgotten);
    const again = await gw.graphql(DisconnectNumberDocument, { number: '+17045550123' });
    expect(again.data?.disconnectNumber).toMatchObject({ orderFiledNow: true, order: { status: 'RECEIVED' } });
    expect(again.data?.disconnectNumber?.order?.id).not.toBe(forgotten);
    expect(posts()).toBe(2);
  });

  it('files a new order when the one filed before FAILED', async () => {
    gw = await startTestGateway();
    // Not billed on the account, so the Dashboard fails its order.
    const failed = await fileOrder('+1 828 555 0199');
    await gw.sims.dashboard.advanceOrder(failed);
    await gw.sims.dashboard.advanceOrder(failed);
    expect(gw.sims.dashboard.state.orders.get(failed)?.status).toBe('FAILED');
    const again = await gw.graphql(DisconnectNumberDocument, { number: '+1 828 555 0199' });
    expect(again.data?.disconnectNumber).toMatchObject({ orderFiledNow: true, order: { status: 'RECEIVED' } });
    expect(again.data?.disconnectNumber?.order?.id).not.toBe(failed);
  });

  it('files a new order when the one filed before no longer lists the number', async () => {
    gw = await startTestGateway();
    const first = await fileOrder();
    const order = gw.sims.dashboard.state.orders.get(first);
    if (order) order.numbers = ['8285550142'];
    const again = await gw.graphql(DisconnectNumberDocument, { number: '+1 704 555 0123' });
    expect(again.data?.disconnectNumber).toMatchObject({ orderFiledNow: true });
    expect(again.data?.disconnectNumber?.order?.id).not.toBe(first);
  });

  it('files no order while the Dashboard cannot say whether the one filed before still stands', async () => {
    gw = await startTestGateway();
    await fileOrder();
    gw.sims.dashboard.inject({ kind: 'status', status: 503 }, { method: 'GET' });
    const again = await gw.graphql(DisconnectNumberDocument, { number: '+17045550123' });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'dashboard' });
    expect(posts()).toBe(1);
  });

  it('takes a number un-imported by someone else between its read and its delete as un-imported, and files the order', async () => {
    gw = await startTestGateway();
    gw.sims.catapult.inject(
      {
        kind: 'status',
        status: 404,
        contentType: 'application/json',
        body: '{"category":"not-found","code":"number-not-found","message":"not found"}',
      },
      { method: 'DELETE', times: 1 },
    );
    const res = await gw.graphql(DisconnectNumberDocument, { number: '+17045550123' });
    expect(res.data?.disconnectNumber).toMatchObject({ unimported: false, orderFiledNow: true, order: { status: 'RECEIVED' } });
  });

  it('sends the order once when its outcome is unknown, and says so', async () => {
    gw = await startTestGateway({ UPSTREAM_TIMEOUT_MS: '300' });
    gw.sims.dashboard.inject({ kind: 'hang' }, { times: 1, method: 'POST' });
    const res = await gw.graphql(DisconnectNumberDocument, { number: '+17045550123' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', upstream: 'dashboard', outcomeUnknown: true });
    expect(res.errors?.[0]?.message).toContain('not sent again');
    expect(posts()).toBe(1);
  });
});

describe('disconnectNumbers', () => {
  type Result = {
    number: string;
    unimported: boolean;
    orderFiledNow: boolean;
    errorCode: string | null;
    order: { id: string; numbers: string[] } | null;
  };
  const disconnectMany = async (numbers: string[]) => {
    const res = await gw.graphql<{ disconnectNumbers: Result[] | null }>(
      `mutation ($numbers: [String!]!) { disconnectNumbers(numbers: $numbers) { number unimported orderFiledNow errorCode order { id numbers } } }`,
      { numbers },
    );
    return res;
  };

  it('files one order for several numbers, and later files only for the numbers that have none', async () => {
    gw = await startTestGateway();
    const first = await disconnectMany(['+1 704 555 0123', '(828) 555-0142']);
    const [a, b] = first.data?.disconnectNumbers ?? [];
    expect(a).toMatchObject({
      number: '+17045550123',
      unimported: true,
      orderFiledNow: true,
      order: { numbers: ['+17045550123', '+18285550142'] },
    });
    expect(b?.order?.id).toBe(a?.order?.id);

    const second = await disconnectMany(['+18285550142', '+18283334444']);
    const [again, fresh] = second.data?.disconnectNumbers ?? [];
    expect(again).toMatchObject({ orderFiledNow: false, order: { id: a?.order?.id } });
    expect(fresh).toMatchObject({ number: '+18283334444', orderFiledNow: true, order: { numbers: ['+18283334444'] } });
    expect(posts()).toBe(2);
  });

  it('reports a number whose un-import failed in its own result, and files the others', async () => {
    gw = await startTestGateway();
    gw.sims.catapult.inject(
      { kind: 'status', status: 400, contentType: 'application/json', body: '{"category":"bad-request","code":"x","message":"no"}' },
      { pathIncludes: '+17045550123' },
    );
    const res = await disconnectMany(['+17045550123', '+18285550142']);
    const [failed, filed] = res.data?.disconnectNumbers ?? [];
    expect(failed).toMatchObject({ number: '+17045550123', errorCode: 'BAD_USER_INPUT', order: null });
    expect(filed).toMatchObject({ number: '+18285550142', orderFiledNow: true, order: { numbers: ['+18285550142'] } });
  });

  it('refuses a number outside NANP as BAD_USER_INPUT naming the argument, before any upstream call', async () => {
    gw = await startTestGateway();
    const res = await disconnectMany(['+17045550123', '+64 9 264 5555']);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'numbers' });
    expect(gw.calls('catapult') + gw.calls('dashboard')).toBe(0);
  });
});

describe('disconnectOrder', () => {
  it('reads an order by id, numbers in E.164', async () => {
    gw = await startTestGateway();
    const id = await fileOrder();
    await gw.sims.dashboard.advanceOrder(id);
    const res = await gw.graphql(DisconnectOrderDocument, { id });
    expect(res.data?.disconnectOrder).toMatchObject({ id, status: 'PROCESSING', numbers: ['+17045550123'] });
  });

  it('follows an order to COMPLETE by callbacks alone, then ends', async () => {
    // Polling is set far beyond the test's time, so only the callbacks can move the subscription.
    gw = await startTestGateway({ ...callbackEnv, DISCONNECT_POLL_MS: '600000' });
    const id = await fileOrder();
    const events = await subscribe(gw, FollowDisconnectOrderDocument, { id }, async (_, index) => {
      if (index < 2) await gw.sims.dashboard.advanceOrder(id);
    });
    expect(events.map((e) => e.data?.disconnectOrder?.status)).toEqual(['RECEIVED', 'PROCESSING', 'COMPLETE']);
    expect(events.at(-1)?.data?.disconnectOrder?.disconnectedNumbers).toEqual(['+17045550123']);
    expect(gw.sims.dashboard.callbacksSent.map((c) => c.httpStatus)).toEqual([200, 200]);
  });

  it('streams an order written inline in the subscription to its final status', async () => {
    gw = await startTestGateway({ DISCONNECT_POLL_MS: '20' });
    const id = await fileOrder();
    const inline = `subscription { disconnectOrder(id: "${id}") { id status } }`;
    const events = await subscribe<{ disconnectOrder: { status: string } | null }, object>(gw, inline, {}, async (_, index) => {
      if (index < 2) await gw.sims.dashboard.advanceOrder(id);
    });
    expect(events.map((e) => e.errors ?? e.data?.disconnectOrder?.status)).toEqual(['RECEIVED', 'PROCESSING', 'COMPLETE']);
  });

  it('follows an order to COMPLETE by polling when no callback comes', async () => {
    gw = await startTestGateway({ DISCONNECT_POLL_MS: '20' });
    const id = await fileOrder();
    const events = await subscribe(gw, FollowDisconnectOrderDocument, { id }, async (_, index) => {
      if (index < 2) await gw.sims.dashboard.advanceOrder(id);
    });
    expect(events.map((e) => e.data?.disconnectOrder?.status)).toEqual(['RECEIVED', 'PROCESSING', 'COMPLETE']);
    expect(gw.sims.dashboard.callbacksSent).toEqual([]);
  });

  it('refuses a callback with wrong credentials and re-reads nothing', async () => {
    gw = await startTestGateway({ ...callbackEnv, DISCONNECT_POLL_MS: '600000' });
    const id = await fileOrder();
    const before = reads();
    const forged = await notify(id, `Basic ${Buffer.from('bandwidth:guess').toString('base64')}`);
    const anonymous = await notify(id, undefined);
    expect([forged.statusCode, anonymous.statusCode]).toEqual([401, 401]);
    await Promise.all([forged.body.dump(), anonymous.body.dump()]);
    expect(reads()).toBe(before);
  });

  it('takes an authenticated notification only as a hint: a forged COMPLETE does not end the subscription', async () => {
    gw = await startTestGateway({ ...callbackEnv, DISCONNECT_POLL_MS: '600000' });
    const id = await fileOrder();
    const auth = `Basic ${Buffer.from('bandwidth:callback-secret').toString('base64')}`;
    const events = await subscribe(gw, FollowDisconnectOrderDocument, { id }, async (_, index) => {
      if (index === 0) {
        const before = reads();
        const res = await notify(id, auth); // says COMPLETE, but the Dashboard still says RECEIVED
        expect(res.statusCode).toBe(200);
        await res.body.dump();
        await vi.waitFor(() => expect(reads()).toBe(before + 1));
        await gw.sims.dashboard.advanceOrder(id);
        await gw.sims.dashboard.advanceOrder(id);
      }
    });
    expect(events.map((e) => e.data?.disconnectOrder?.status)).toEqual(['RECEIVED', 'COMPLETE']);
  });
});
