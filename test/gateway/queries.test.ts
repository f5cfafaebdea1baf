import { describe, expect, it } from 'vitest';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import {
  CarrierNumberDocument,
  CustomerContactsDocument,
  CustomerDashboardDocument,
  CustomerPhoneNumbersDocument,
  DisconnectOrderDocument,
  PhoneCallsDocument,
} from '../generated/graphql.js';
import { codes, useGateway } from '../support/gateway.js';

const gw = useGateway();

describe('queries', () => {
  it('answers the README query from the simulator', async () => {
    const res = await gw.graphql(CustomerPhoneNumbersDocument, { id: KIWI });
    expect(res.errors).toBeUndefined();
    expect(res.data?.customer?.phoneNumbers).toEqual([{ id: '7777777', phoneNumber: '264 5555', e164: '+6492645555', isPrimary: true }]);
  });

  it('joins one customer across three upstreams, with typed booleans, enums, E.164 and carrier records', async () => {
    const res = await gw.graphql(CustomerDashboardDocument, { id: ACME });
    expect(res.errors).toBeUndefined();
    const customer = res.data?.customer;
    expect(customer?.phones?.version).toBe('3');
    expect(customer?.phones?.items[0]).toMatchObject({
      type: 'PHONE',
      country: 'US',
      e164: '+18283334444',
      carrier: { id: 'n-5t3kz2lq7vbd0acf' },
    });
    expect(customer?.phones?.items[2]).toMatchObject({ type: 'UNKNOWN', e164: '+18285550142', carrier: null });
    expect(customer?.phoneNumbers?.[0]).toMatchObject({
      type: 'WORK',
      isPrimary: true,
      e164: '+18283334444',
      carrier: { city: 'ASHEVILLE' },
    });
    expect(customer?.primaryPhoneNumber).toEqual({ id: '1000001', e164: '+18283334444' });
    expect(customer?.contacts).toMatchObject({ page: 0, size: 20, totalElements: 4 });
    expect(customer?.contacts?.items.map((c) => c.status)).toContain('DELETED');
  });

  it('answers a number in any common format with its carrier record', async () => {
    const res = await gw.graphql(CarrierNumberDocument, { number: '(919) 230-2749' });
    expect(res.data?.carrierNumber).toMatchObject({
      id: 'n-alghk4678lkghsdf',
      number: '+19192302749',
      price: '0.35',
      createdTime: '2018-04-23T18:22:38.000Z',
      applicationId: 'a-asdf',
    });
  });

  it('answers null, without an error, for a number that is not imported', async () => {
    const res = await gw.graphql(CarrierNumberDocument, { number: '+1 828 555 0142' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.carrierNumber).toBeNull();
  });

  it('refuses an unparseable number as BAD_USER_INPUT naming the argument, before any upstream call', async () => {
    const res = await gw.graphql(CarrierNumberDocument, { number: 'call me maybe' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toContain('"number"');
    expect(gw.calls('catapult')).toBe(0);
  });

  it('lists live calls of all the user extensions with @self, directions as enums', async () => {
    const res = await gw.graphql(PhoneCallsDocument, { userId: '@me', extension: '@self' });
    expect(res.data?.phoneCalls?.map((c) => c.extension).sort()).toEqual(['0003*210', '0003*210', '0003*211', '0003*211']);
    expect(res.data?.phoneCalls?.[0]).toMatchObject({ direction: 'INCOMING', startedAt: '2026-11-24T09:00:00.000Z' });
    expect(gw.sims.uapi.requests[0]?.path).toBe('/uapi/phoneCalls/@me/@self');
  });

  it('refuses a malformed extension as BAD_USER_INPUT', async () => {
    const res = await gw.graphql(PhoneCallsDocument, { userId: '@me', extension: '../admin' });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(gw.calls('uapi')).toBe(0);
  });

  it('pages contacts with the upstream page and size', async () => {
    const res = await gw.graphql(CustomerContactsDocument, { id: ACME, page: 1, size: 3 });
    expect(res.data?.customer?.contacts).toMatchObject({ page: 1, size: 3, totalPages: 2, totalElements: 4 });
    expect(res.data?.customer?.contacts?.items).toHaveLength(1);
  });

  it('refuses a contacts page size over 100 as BAD_USER_INPUT', async () => {
    const res = await gw.graphql(CustomerContactsDocument, { id: ACME, page: 0, size: 1000 });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(gw.calls('contacts')).toBe(0);
  });

  it('answers null for an unknown disconnect order', async () => {
    const res = await gw.graphql(DisconnectOrderDocument, { id: 'df2gc2e2-653d-466c-945d-8f292f09ce55' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.disconnectOrder).toBeNull();
  });

  it('refuses a customer id that is not a UUID only where seed 000 asks for one: phones, not phoneNumbers', async () => {
    const res = await gw.graphql(`{ customer(id: "robert\\"); DROP TABLE") { phones { version } phoneNumbers { id } } }`);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['customer', 'phones'], 'BAD_USER_INPUT'],
      [['customer', 'phoneNumbers'], 'NOT_FOUND'],
    ]);
    expect(gw.calls('customerPhones')).toBe(0);
    expect(gw.sims.phoneNumbers.requests[0]?.path).toBe('/CustomerServices/v1.0/customers/robert%22)%3B%20DROP%20TABLE/phoneNumbers');
  });

  it('reports an unknown customer as NOT_FOUND from the upstream that said so', async () => {
    const res = await gw.graphql(CustomerPhoneNumbersDocument, { id: '00000000-0000-4000-8000-000000000000' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: 'phoneNumbers' });
    expect(res.errors?.[0]?.path).toEqual(['customer', 'phoneNumbers']);
  });

  it('refuses more than 100 customer ids as BAD_USER_INPUT', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const res = await gw.graphql('query($ids: [ID!]!) { customers(ids: $ids) { id } }', { ids });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toContain('"ids"');
  });
});
