import { describe, expect, it } from 'vitest';
import { ACME, ACME_BRANCH, KIWI } from '../../src/simulators/demo.js';
import {
  CreatePhoneNumberDocument,
  CustomerDashboardDocument,
  DeleteContactsDocument,
  DeletePhoneNumberDocument,
  DeletePhonesDocument,
  HangUpCallsDocument,
  PhoneCallsDocument,
  UpdatePhoneNumberDocument,
} from '../generated/graphql.js';
import { codes, useGateway } from '../support/gateway.js';

const key = (n: number) => `5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e0${n}`;
// Mutations change the simulators' state: each test gets its own gateway and simulators.
const gw = useGateway({}, { fresh: true });

describe('createPhoneNumber, updatePhoneNumber, deletePhoneNumber', () => {
  it('creates a primary number, and the customer read in the same request sees it as the only primary', async () => {
    const res = await gw.graphql(CreatePhoneNumberDocument, {
      customerId: KIWI,
      input: { type: 'WORK', name: 'Office', countryCode: '+64', areaCode: '09', phoneNumber: '379 1234', isPrimary: true },
    });
    expect(res.errors).toBeUndefined();
    const created = res.data?.createPhoneNumber;
    expect(created).toMatchObject({ type: 'WORK', isPrimary: true, e164: '+6493791234' });
    expect(created?.customer.primaryPhoneNumber?.id).toBe(created?.id);
    expect(JSON.parse(gw.sims.phoneNumbers.requests[0]?.body ?? '')).toMatchObject({ type: 'work', isPrimary: 'true' });
  });

  it('refuses a name over 50 characters as BAD_USER_INPUT naming input.name, before any upstream call', async () => {
    const res = await gw.graphql(CreatePhoneNumberDocument, {
      customerId: KIWI,
      input: { type: 'WORK', name: 'n'.repeat(51), phoneNumber: '379 1234', areaCode: '09', countryCode: '+64' },
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toContain('input.name');
    expect(gw.calls('phoneNumbers')).toBe(0);
  });

  it('stores contact details that are no phone number, as seed 001 allows ("Phone number or email"), with e164 null', async () => {
    const res = await gw.graphql(CreatePhoneNumberDocument, {
      customerId: KIWI,
      input: { type: 'WORK', phoneNumber: 'john@kiwi.example' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.createPhoneNumber).toMatchObject({ phoneNumber: 'john@kiwi.example', e164: null });
  });

  it('passes a country code it cannot read on to the upstream, which takes any string(4), and reads e164 as null', async () => {
    const res = await gw.graphql(CreatePhoneNumberDocument, {
      customerId: KIWI,
      input: { type: 'WORK', countryCode: '+999', phoneNumber: '264 5555' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.createPhoneNumber).toMatchObject({ countryCode: '+999', e164: null });
    expect(JSON.parse(gw.sims.phoneNumbers.requests[0]?.body ?? '')).toMatchObject({ countryCode: '+999' });
  });

  it('updates a whole number', async () => {
    const res = await gw.graphql(UpdatePhoneNumberDocument, {
      customerId: ACME,
      id: '1000002',
      input: { type: 'HOME', name: 'Dana (home)', countryCode: '+1', areaCode: '919', phoneNumber: '230 2749' },
    });
    expect(res.data?.updatePhoneNumber).toEqual({
      id: '1000002',
      type: 'HOME',
      name: 'Dana (home)',
      isPrimary: false,
      e164: '+19192302749',
    });
    expect(gw.sims.phoneNumbers.requests[0]?.method).toBe('PUT');
  });

  it('reports updating an unknown number as NOT_FOUND', async () => {
    const res = await gw.graphql(UpdatePhoneNumberDocument, {
      customerId: ACME,
      id: '4040404',
      input: { type: 'HOME', phoneNumber: '(828) 333-4444' },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: 'phoneNumbers' });
  });

  it('deletes a number and returns its id', async () => {
    const res = await gw.graphql(DeletePhoneNumberDocument, { customerId: ACME, id: '1000003' });
    expect(res.data?.deletePhoneNumber).toBe('1000003');
    expect(gw.sims.phoneNumbers.state.customers.get(ACME)?.map((p) => p.phoneNumberId)).toEqual(['1000001', '1000002']);
  });
});

describe('deletePhones', () => {
  it('deletes with the expected version and answers the new version and what remains', async () => {
    const res = await gw.graphql(DeletePhonesDocument, { customerId: ACME, keys: [key(3)], expectedVersion: '3' });
    expect(res.data?.deletePhones).toEqual({
      customerId: ACME,
      version: '4',
      totalPhonesAttached: 2,
      removed: [{ key: key(3), e164: '+18285550142' }],
    });
    expect(gw.sims.customerPhones.requests[0]?.path).toBe(`/v1/customers/${ACME}/phones?version=3`);
  });

  it('answers CONFLICT with the current version when expectedVersion is stale, and deletes nothing', async () => {
    const res = await gw.graphql(DeletePhonesDocument, { customerId: ACME, keys: [key(3)], expectedVersion: '2' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', upstream: 'customerPhones', currentVersion: '3' });
    expect(gw.sims.customerPhones.state.customers.get(ACME)?.phones).toHaveLength(3);
  });

  it('sees its own change when the same request reads the list again', async () => {
    const res = await gw.graphql(`mutation {
      first: deletePhones(customerId: "${ACME}", keys: ["${key(3)}"]) { customer { phones { version } } }
      second: deletePhones(customerId: "${ACME}", keys: ["${key(2)}"]) { customer { phones { version items { key } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const data = res.data as {
      first: { customer: { phones: { version: string } } };
      second: { customer: { phones: { version: string; items: { key: string }[] } } };
    };
    expect(data.first.customer.phones.version).toBe('4');
    expect(data.second.customer.phones).toEqual({ version: '5', items: [{ key: key(1) }] });
  });

  it('refuses an empty key list and more than 100 keys before any upstream call', async () => {
    const empty = await gw.graphql(DeletePhonesDocument, { customerId: ACME, keys: [] });
    const many = await gw.graphql(DeletePhonesDocument, { customerId: ACME, keys: Array.from({ length: 101 }, () => key(1)) });
    expect([...codes(empty), ...codes(many)]).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(gw.calls('customerPhones')).toBe(0);
  });

  it('reports an unknown key as BAD_USER_INPUT from the upstream', async () => {
    const res = await gw.graphql(DeletePhonesDocument, { customerId: ACME, keys: ['00000000-0000-4000-8000-000000000000'] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'customerPhones' });
  });
});

describe('deleteContacts', () => {
  it('deletes one contact through the single-contact URL, and the same request sees it DELETED', async () => {
    const id = 'e7fcef24-5c03-41dd-9e33-995b7d6f32b1';
    const res = await gw.graphql(DeleteContactsDocument, { customerId: ACME, ids: [id] });
    expect(res.data?.deleteContacts?.ids).toEqual([id]);
    expect(res.data?.deleteContacts?.customer.contacts?.items.find((c) => c.id === id)?.status).toBe('DELETED');
    expect(gw.sims.contacts.requests[0]).toMatchObject({ method: 'DELETE', path: `/api/v2/customer/${ACME}/contact/${id}` });
  });

  it('deletes several contacts through the body form', async () => {
    const ids = ['e7fcef24-5c03-41dd-9e33-995b7d6f32b1', 'ceb892d2-f24b-4007-bf81-999fe75cb635'];
    const res = await gw.graphql(DeleteContactsDocument, { customerId: ACME, ids });
    expect(res.data?.deleteContacts?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(gw.sims.contacts.requests[0]?.body ?? '')).toEqual({ id: ids });
  });

  it('deletes nothing when one id is unknown and says NOT_FOUND with CUSTOMER_1017', async () => {
    const res = await gw.graphql(DeleteContactsDocument, {
      customerId: ACME,
      ids: ['e7fcef24-5c03-41dd-9e33-995b7d6f32b1', '99999999-9999-4999-8999-999999999999'],
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: 'contacts', upstreamCode: 'CUSTOMER_1017' });
    const after = await gw.graphql(CustomerDashboardDocument, { id: ACME });
    expect(after.data?.customer?.contacts?.items.find((c) => c.id === 'e7fcef24-5c03-41dd-9e33-995b7d6f32b1')?.status).toBe('ACTIVE');
  });

  it('says FORBIDDEN with AUTH_1010 for a customer that is not a direct sub-customer', async () => {
    const res = await gw.graphql(DeleteContactsDocument, { customerId: ACME_BRANCH, ids: ['4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b'] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', upstream: 'contacts', upstreamCode: 'AUTH_1010' });
  });
});

describe('hangUpCalls', () => {
  it("runs the seed's own example verbatim: DELETE /uapi/phoneCalls/@me/0003*210/7d280cc4feae3255a497?phoneNumber=8887777", async () => {
    const res = await gw.graphql(
      `mutation { hangUpCalls(userId: "@me", extension: "0003*210", phoneCallId: "7d280cc4feae3255a497", phoneNumber: "8887777") { hungUpIds } }`,
    );
    expect(res.data).toEqual({ hangUpCalls: { hungUpIds: ['7d280cc4feae3255a497'] } });
    expect(gw.sims.uapi.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /uapi/phoneCalls/@me/0003*210/7d280cc4feae3255a497?phoneNumber=8887777',
    ]);
  });

  it.each([
    ['a number without +, as the UAPI holds it', '6492645555'],
    ['a number with +', '+6492645555'],
    ['an extension', '210'],
  ])('sends %s unchanged', async (_, phoneNumber) => {
    await gw.graphql(HangUpCallsDocument, { userId: '@me', extension: '@self', phoneNumber });
    expect(gw.sims.uapi.requests[0]?.path).toBe(`/uapi/phoneCalls/@me/@self?phoneNumber=${encodeURIComponent(phoneNumber)}`);
  });

  it('hangs up the calls involving a formatted number, sent to the UAPI in E.164', async () => {
    const res = await gw.graphql(HangUpCallsDocument, { userId: '@me', extension: '@self', phoneNumber: '(828) 333-4444' });
    expect(res.data?.hangUpCalls?.hungUpIds).toEqual(['0f9e8d7c6b5a49382716']);
    expect(gw.sims.uapi.requests[0]?.path).toBe('/uapi/phoneCalls/@me/@self?phoneNumber=%2B18283334444');
  });

  it('hangs up one call by id on 0003*210, after which it is no longer listed', async () => {
    const res = await gw.graphql(`mutation {
      hangUpCalls(extension: "0003*210", phoneCallId: "a1b2c3d4e5f60718293a") { hungUpIds }
    }`);
    expect(res.data).toEqual({ hangUpCalls: { hungUpIds: ['a1b2c3d4e5f60718293a'] } });
    expect(gw.sims.uapi.requests[0]?.path).toBe('/uapi/phoneCalls/@me/0003*210/a1b2c3d4e5f60718293a');
    const calls = await gw.graphql(PhoneCallsDocument, { userId: '@me', extension: '0003*210' });
    expect(calls.data?.phoneCalls?.map((c) => c.id)).toEqual(['7d280cc4feae3255a497']);
  });

  it('answers an empty list when the UAPI says 204, nothing to hang up', async () => {
    const res = await gw.graphql(HangUpCallsDocument, { userId: '@me', extension: '0003*211', phoneNumber: '+1 919 230 2749' });
    expect(res.errors).toBeUndefined();
    expect(res.data?.hangUpCalls?.hungUpIds).toEqual([]);
  });

  it('reports an unknown call id as BAD_USER_INPUT with pc_phoncall_invalid', async () => {
    const res = await gw.graphql(HangUpCallsDocument, { userId: '@me', extension: '0003*210', phoneCallId: 'doesnotexist' });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'uapi', upstreamCode: 'pc_phoncall_invalid' });
  });

  it.each(['abc', '', '12-34*', '+', '++123'])('refuses %j, which the UAPI would refuse, before any upstream call', async (phoneNumber) => {
    const res = await gw.graphql(HangUpCallsDocument, { userId: '@me', extension: '0003*210', phoneNumber });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.extensions?.argument).toBe('phoneNumber');
    expect(gw.calls('uapi')).toBe(0);
  });
});
