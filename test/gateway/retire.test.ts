import { describe, expect, it } from 'vitest';
import type { UpstreamName } from '../../src/config.js';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import type { Fault } from '../../src/simulators/server.js';
import { RetirePhoneNumberDocument } from '../generated/graphql.js';
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
    expect(statuses(payload)).toEqual(['CUSTOMER_PHONES:DONE', 'PHONE_NUMBERS:DONE', 'LIVE_CALLS:DONE', 'CARRIER_UNIMPORT:DONE', 'DISCONNECT_ORDER:DONE']);
    const [phones, numbers, calls, carrier, order] = payload?.steps ?? [];
    expect(phones?.removedIds).toEqual(['5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e01']);
    expect(numbers).toMatchObject({ removedIds: ['1000001'], wasPrimary: true });
    expect(calls?.removedIds).toEqual(['0f9e8d7c6b5a49382716']);
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
    expect(statuses(payload)).toEqual(['CUSTOMER_PHONES:DONE', 'PHONE_NUMBERS:SKIPPED', 'LIVE_CALLS:SKIPPED', 'CARRIER_UNIMPORT:SKIPPED', 'DISCONNECT_ORDER:DONE']);
    expect(payload?.steps[1]?.reason).toBe('not present in the Phone Number API');
    expect(payload?.steps[3]?.reason).toBe('not imported at Voice & Messaging');
    expect(payload?.complete).toBe(true);
  });

  it('skips the carrier steps for a number outside NANP', async () => {
    const payload = await retire('+64 9 264 5555', undefined, KIWI);
    expect(statuses(payload)).toEqual(['CUSTOMER_PHONES:DONE', 'PHONE_NUMBERS:DONE', 'LIVE_CALLS:SKIPPED', 'CARRIER_UNIMPORT:SKIPPED', 'DISCONNECT_ORDER:SKIPPED']);
    expect(payload?.steps[4]?.reason).toContain('NANP');
    expect(gw.calls('catapult') + gw.calls('dashboard')).toBe(0);
  });

  it('does nothing twice when called again after it completed: every step is skipped as done, no second order', async () => {
    const first = await retire('+18283334444', '0003*211');
    const again = await retire('+18283334444', '0003*211');
    expect(again?.steps.map((s) => [s.status, s.reason])).toEqual(Array(5).fill(['SKIPPED', 'already done by an earlier call']));
    expect(again?.steps[4]?.order?.id).toBe(first?.steps[4]?.order?.id);
    expect(posts()).toBe(1);
  });

  const failures: [string, UpstreamName, Fault, string][] = [
    ['CUSTOMER_PHONES', 'customerPhones', { kind: 'status', status: 503 }, 'DELETE'],
    ['PHONE_NUMBERS', 'phoneNumbers', { kind: 'status', status: 503 }, 'DELETE'],
    ['LIVE_CALLS', 'uapi', { kind: 'status', status: 503 }, 'DELETE'],
    ['CARRIER_UNIMPORT', 'catapult', { kind: 'status', status: 503 }, 'DELETE'],
    ['DISCONNECT_ORDER', 'dashboard', { kind: 'status', status: 503 }, 'POST'],
  ];

  it.each(failures)('stops at a failure in %s, and a second call resumes without redoing the steps before it', async (step, upstream, fault, method) => {
    gw.sims[upstream].inject(fault, { method });
    const failed = await retire('+18283334444', '@self');
    const at = failed?.steps.findIndex((s) => s.name === step) as number;
    expect(failed?.complete).toBe(false);
    expect(failed?.steps[at]).toMatchObject({ status: 'FAILED', errorCode: 'UPSTREAM_UNAVAILABLE', upstream });
    expect(failed?.steps.slice(0, at).every((s) => s.status === 'DONE')).toBe(true);
    expect(failed?.steps.slice(at + 1).every((s) => s.status === 'NOT_RUN')).toBe(true);

    gw.sims[upstream].clearFaults();
    const resumed = await retire('+18283334444', '@self');
    expect(resumed?.complete).toBe(true);
    expect(resumed?.steps.slice(0, at).map((s) => s.reason)).toEqual(Array(at).fill('already done by an earlier call'));
    expect(resumed?.steps.slice(at).every((s) => s.status === 'DONE')).toBe(true);
    expect(posts()).toBe(step === 'DISCONNECT_ORDER' ? 2 : 1);
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
