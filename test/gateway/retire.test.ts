import { describe, expect, it } from 'vitest';
import type { UpstreamName } from '../../src/config.js';
import { ACME, demoCarrierNumbers, KIWI } from '../../src/simulators/demo.js';
import { DisconnectNumberDocument, RetirePhoneNumberDocument } from '../generated/graphql.js';
import { codes, useGateway } from '../support/gateway.js';

// Each test retires numbers for real: a fresh gateway and simulators per test.
const gw = useGateway({ UPSTREAM_TIMEOUT_MS: '400' }, { fresh: true });

const retire = async (number: string, extension?: string, customerId = ACME) => {
  const res = await gw.graphql(RetirePhoneNumberDocument, { customerId, number, extension });
  expect(res.errors).toBeUndefined();
  return res.data?.retirePhoneNumber;
};
const statuses = (payload: Awaited<ReturnType<typeof retire>>) => payload?.steps.map((s) => `${s.name}:${s.status}`);
const posts = () => gw.sims.dashboard.requests.filter((r) => r.method === 'POST').length;

describe('retirePhoneNumber', () => {
  it('takes a number out everywhere, in order: records, calls, carrier', async () => {
    const payload = await retire('(828) 333-4444', '@self');
    expect(payload?.number).toBe('+18283334444');
    expect(payload?.complete).toBe(true);
    expect(statuses(payload)).toEqual([
      'CUSTOMER_PHONES:DONE',
      'PHONE_NUMBERS:DONE',
      'LIVE_CALLS:DONE',
      'CARRIER_UNIMPORT:DONE',
      'DISCONNECT_ORDER:DONE',
    ]);
    const [phones, numbers, calls, carrier, order] = payload?.steps ?? [];
    expect(phones?.removedIds).toEqual(['5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e01']);
    expect(numbers).toMatchObject({ removedIds: ['1000001'], wasPrimary: true });
    expect(calls?.removedIds).toEqual(['0f9e8d7c6b5a49382716', '3c4d5e6f708192a3b4c5']);
    expect(carrier?.removedIds).toEqual(['n-5t3kz2lq7vbd0acf']);
    expect(order?.order).toMatchObject({ status: 'RECEIVED', numbers: ['+18283334444'] });

    expect([...gw.sims.dashboard.state.orders.values()][0]?.numbers).toEqual(['8283334444']);
    expect(gw.sims.customerPhones.requests.find((r) => r.method === 'DELETE')?.path).toContain('?version=3');
  });

  it('writes in an order that never leaves a record pointing at a disconnected number: records, calls, carrier, order', async () => {
    await retire('+18283334444', '@self');
    const writeAt = (upstream: UpstreamName) => gw.sims[upstream].requests.find((r) => r.method !== 'GET')?.at ?? Number.NaN;
    const order = (['customerPhones', 'phoneNumbers', 'uapi', 'catapult', 'dashboard'] as const).map(writeAt);
    expect(order.every((at) => !Number.isNaN(at))).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('skips the Phone Number API for a number only the Customer Phones API has, and says why', async () => {
    const payload = await retire('+1 828 555 0142');
    expect(statuses(payload)).toEqual([
      'CUSTOMER_PHONES:DONE',
      'PHONE_NUMBERS:SKIPPED',
      'LIVE_CALLS:SKIPPED',
      'CARRIER_UNIMPORT:SKIPPED',
      'DISCONNECT_ORDER:DONE',
    ]);
    expect(payload?.steps[1]?.reason).toBe('not present in the Phone Number API');
    expect(payload?.steps[3]?.reason).toBe('not imported at catapult');
    expect(payload?.complete).toBe(true);
  });

  it('skips the carrier steps for a number outside NANP', async () => {
    const payload = await retire('+64 9 264 5555', undefined, KIWI);
    expect(statuses(payload)).toEqual([
      'CUSTOMER_PHONES:DONE',
      'PHONE_NUMBERS:DONE',
      'LIVE_CALLS:SKIPPED',
      'CARRIER_UNIMPORT:SKIPPED',
      'DISCONNECT_ORDER:SKIPPED',
    ]);
    expect(payload?.steps[4]?.reason).toContain('NANP');
    expect(gw.calls('catapult') + gw.calls('dashboard')).toBe(0);
  });

  it('reads every upstream again when called after it completed: nothing is written twice, the same order is returned', async () => {
    const first = await retire('+18283334444', '0003*211');
    gw.resetCalls();
    const again = await retire('+18283334444', '0003*211');
    expect(again?.steps.map((s) => [s.status, s.reason])).toEqual([
      ['SKIPPED', 'not present in the Customer Phones API'],
      ['SKIPPED', 'not present in the Phone Number API'],
      ['SKIPPED', 'no live call involves the number'],
      ['SKIPPED', 'not imported at catapult'],
      ['SKIPPED', 'filed by an earlier call; the Dashboard has it as RECEIVED'],
    ]);
    expect(again?.complete).toBe(true);
    expect(again?.steps[4]?.order?.id).toBe(first?.steps[4]?.order?.id);
    const upstreams = ['customerPhones', 'phoneNumbers', 'uapi', 'catapult', 'dashboard'] as const;
    expect(upstreams.map((u) => gw.sims[u].requests.filter((r) => r.method === 'GET').length)).toEqual([1, 1, 1, 1, 1]);
    expect(upstreams.flatMap((u) => gw.sims[u].requests.filter((r) => r.method !== 'GET'))).toEqual([]);
  });

  it('removes the number again when its records come back, and is complete only once they are gone', async () => {
    const first = await retire('+18283334444');
    // The number comes back: in both phone APIs' records and imported at the carrier.
    const phones = gw.sims.customerPhones.state.customers.get(ACME);
    phones?.phones.push({
      key: '5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e09',
      type: 'Phone',
      country: 'US',
      numberLocal: '(828) 333-4444',
      numberInternational: '+1 828-333-4444',
    });
    if (phones) phones.version = '7';
    gw.sims.phoneNumbers.state.customers.get(ACME)?.push({
      phoneNumberId: '1000009',
      name: 'Back',
      countryCode: '+1',
      areaCode: '828',
      type: 'work',
      phoneNumber: '333 4444',
      isPrimary: 'false',
    });
    gw.sims.catapult.state.numbers.push({
      ...demoCarrierNumbers('u-switchboard')[1],
      id: 'n-reimported',
    } as (typeof gw.sims.catapult.state.numbers)[number]);

    gw.sims.phoneNumbers.inject({ kind: 'status', status: 503 }, { method: 'DELETE', times: 1 });
    const failed = await retire('+18283334444');
    expect(statuses(failed)).toEqual([
      'CUSTOMER_PHONES:DONE',
      'PHONE_NUMBERS:FAILED',
      'LIVE_CALLS:NOT_RUN',
      'CARRIER_UNIMPORT:NOT_RUN',
      'DISCONNECT_ORDER:NOT_RUN',
    ]);
    expect(failed?.complete).toBe(false);

    const again = await retire('+18283334444');
    expect(statuses(again)).toEqual([
      'CUSTOMER_PHONES:SKIPPED',
      'PHONE_NUMBERS:DONE',
      'LIVE_CALLS:SKIPPED',
      'CARRIER_UNIMPORT:DONE',
      'DISCONNECT_ORDER:SKIPPED',
    ]);
    expect(again?.steps[1]?.removedIds).toEqual(['1000009']);
    expect(again?.steps[3]?.removedIds).toEqual(['n-reimported']);
    expect(again?.steps[4]?.order?.id).toBe(first?.steps[4]?.order?.id);
    expect(again?.complete).toBe(true);
    expect(posts()).toBe(1);
  });

  it("hangs up the extension's calls with the number in every form the UAPI holds it, and no other call", async () => {
    const payload = await retire('+18283334444', '@self');
    expect(payload?.steps[2]?.removedIds).toEqual(['0f9e8d7c6b5a49382716', '3c4d5e6f708192a3b4c5']);
    expect(gw.sims.uapi.requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
      '/uapi/phoneCalls/@me/@self/0f9e8d7c6b5a49382716?phoneNumber=%2B18283334444',
      '/uapi/phoneCalls/@me/@self/3c4d5e6f708192a3b4c5?phoneNumber=8283334444',
    ]);
    expect(gw.sims.uapi.state.calls.map((c) => c.id)).toEqual(['7d280cc4feae3255a497', 'a1b2c3d4e5f60718293a', '5e5e5e5e5e5e5e5e5e5e']);
  });

  it('takes a number un-imported by someone else between its read and its delete as un-imported', async () => {
    gw.sims.catapult.inject(
      {
        kind: 'status',
        status: 404,
        contentType: 'application/json',
        body: '{"category":"not-found","code":"number-not-found","message":"not found"}',
      },
      { method: 'DELETE', times: 1 },
    );
    const payload = await retire('+18283334444');
    expect(payload?.steps[3]).toMatchObject({ status: 'SKIPPED', reason: 'un-imported by someone else meanwhile' });
    expect(payload?.complete).toBe(true);
  });

  it('shares the order with disconnectNumber: neither files a second one for the number', async () => {
    const disconnected = await gw.graphql(DisconnectNumberDocument, { number: '+18283334444' });
    const retired = await retire('+18283334444');
    expect(retired?.steps[4]).toMatchObject({ status: 'SKIPPED', order: { id: disconnected.data?.disconnectNumber?.order?.id } });
    const again = await gw.graphql(DisconnectNumberDocument, { number: '(828) 333-4444' });
    expect(again.data?.disconnectNumber).toMatchObject({
      orderFiledNow: false,
      order: { id: disconnected.data?.disconnectNumber?.order?.id },
    });
    expect(posts()).toBe(1);
  });

  it('never files the order again when an earlier call does not know whether it was filed', async () => {
    gw.sims.dashboard.inject({ kind: 'hang' }, { method: 'POST', times: 1 });
    const unknown = await retire('+18283334444');
    expect(unknown?.steps[4]).toMatchObject({ status: 'FAILED', errorCode: 'UPSTREAM_TIMEOUT', upstream: 'dashboard' });
    const again = await retire('+18283334444');
    expect(again?.steps[4]).toMatchObject({ status: 'FAILED', errorCode: 'UPSTREAM_TIMEOUT' });
    expect(again?.steps[4]?.reason).toContain('outcome is unknown');
    expect(posts()).toBe(1);
  });

  it('refuses a number it cannot parse before any upstream call', async () => {
    const refused = await gw.graphql(RetirePhoneNumberDocument, { customerId: ACME, number: 'not a number' });
    expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(gw.calls('customerPhones')).toBe(0);
  });
});
