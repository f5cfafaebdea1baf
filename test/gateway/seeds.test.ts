// Every sample request and response of the five upstream documents (six APIs) (../shared/seeds), replayed through
// GraphQL verbatim: the gateway must send what the document shows and read what it answers, no stricter.
// Where the simulators' demo data holds the sample, it answers; elsewhere the sample answer is injected.
import { describe, expect, it } from 'vitest';
import { simulatorCredentials } from '../../src/config.js';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { parseXml } from '../../src/upstreams/dashboard/xml.js';
import { useGateway } from '../support/gateway.js';

const gw = useGateway({}, { fresh: true });

const json = (status: number, body: unknown, contentType = 'application/json; charset=utf-8') =>
  ({ kind: 'status', status, contentType, body: JSON.stringify(body) }) as const;
const sent = (upstream: 'customerPhones' | 'phoneNumbers' | 'catapult' | 'dashboard' | 'contacts' | 'uapi') =>
  gw.sims[upstream].requests.map((r) => `${r.method} ${r.path}`);

describe('seed 000, Customer Phones API: DELETE /v1/customers/{CustomerId}/phones', () => {
  const sampleResponse = {
    customerId: 'string',
    version: 'string',
    phonesRemoved: [{ key: 'string', type: 'Unknown', country: 'string', numberLocal: 'string', numberInternational: 'string' }],
    totalPhonesAttached: 0,
  };

  it('sends the sample body {"keys": ["string"]} with the version, and reads the sample 200 answer', async () => {
    gw.sims.customerPhones.inject(json(200, sampleResponse), { method: 'DELETE', times: 1 });
    const res = await gw.graphql(`mutation {
      deletePhones(customerId: "${ACME}", keys: ["string"], expectedVersion: "string") {
        customerId version totalPhonesAttached removed { key type country numberLocal numberInternational e164 }
      }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      deletePhones: {
        customerId: 'string',
        version: 'string',
        totalPhonesAttached: 0,
        removed: [{ key: 'string', type: 'UNKNOWN', country: 'string', numberLocal: 'string', numberInternational: 'string', e164: null }],
      },
    });
    expect(sent('customerPhones')).toEqual([`DELETE /v1/customers/${ACME}/phones?version=string`]);
    expect(JSON.parse(gw.sims.customerPhones.requests[0]?.body ?? '')).toEqual({ keys: ['string'] });
  });

  it('reads the sample 400 problem as BAD_USER_INPUT, its type as upstreamCode', async () => {
    const problem = { type: 'string', title: 'string', status: 400, detail: 'string', instance: 'string', extensions: {} };
    gw.sims.customerPhones.inject(json(400, problem, 'application/problem+json'), { method: 'DELETE', times: 1 });
    const res = await gw.graphql(`mutation { deletePhones(customerId: "${ACME}", keys: ["string"]) { version } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', upstream: 'customerPhones', upstreamCode: 'string' });
    expect(res.errors?.[0]?.message).toBe('customerPhones refused the input: string: string');
    expect(res.errors?.[0]?.extensions?.upstreamExtensions).toEqual({ instance: 'string' });
  });
});

describe('seed 001, Phone Number API: the sample Phone Number object', () => {
  const sample = {
    phoneNumberId: '7777777',
    name: 'john',
    countryCode: '+64',
    areaCode: '09',
    type: 'mobile',
    phoneNumber: '264 5555',
    isPrimary: 'true',
  };
  const fields = 'id name countryCode areaCode type phoneNumber isPrimary e164';

  it('fetches it with GET /customers/{customerId}/phoneNumbers/{phoneNumberId}', async () => {
    gw.sims.phoneNumbers.inject(json(200, sample), { method: 'GET', times: 1 });
    const res = await gw.graphql(`{ phoneNumber(customerId: "${KIWI}", id: "7777777") { ${fields} } }`);
    expect(res.data).toEqual({
      phoneNumber: {
        id: '7777777',
        name: 'john',
        countryCode: '+64',
        areaCode: '09',
        type: 'MOBILE',
        phoneNumber: '264 5555',
        isPrimary: true,
        e164: '+6492645555',
      },
    });
    expect(sent('phoneNumbers')).toEqual([`GET /CustomerServices/v1.0/customers/${KIWI}/phoneNumbers/7777777`]);
  });

  it('answers null for a phoneNumberId the API does not know', async () => {
    const res = await gw.graphql(`{ phoneNumber(customerId: "${KIWI}", id: "7777778") { id } }`);
    expect(res).toMatchObject({ data: { phoneNumber: null } });
    expect(res.errors).toBeUndefined();
  });

  it('creates it by POSTing the sample without its phoneNumberId', async () => {
    const res = await gw.graphql(`mutation {
      createPhoneNumber(customerId: "${KIWI}", input: { type: MOBILE, name: "john", countryCode: "+64", areaCode: "09", phoneNumber: "264 5555", isPrimary: true }) { ${fields} }
    }`);
    expect(res.errors).toBeUndefined();
    const { phoneNumberId: _, ...withoutId } = sample;
    expect(JSON.parse(gw.sims.phoneNumbers.requests[0]?.body ?? '')).toEqual(withoutId);
  });

  it('updates it by PUTting the whole sample object', async () => {
    const res = await gw.graphql(`mutation {
      updatePhoneNumber(customerId: "${KIWI}", id: "7777777", input: { type: MOBILE, name: "john", countryCode: "+64", areaCode: "09", phoneNumber: "264 5555", isPrimary: true }) { ${fields} }
    }`);
    expect(res.errors).toBeUndefined();
    expect(JSON.parse(gw.sims.phoneNumbers.requests[0]?.body ?? '')).toEqual(sample);
    expect(sent('phoneNumbers')).toEqual([`PUT /CustomerServices/v1.0/customers/${KIWI}/phoneNumbers/7777777`]);
  });
});

describe('seed 002, Bandwidth: the hybrid delete and disconnect', () => {
  // Seed 002's 201: the body's <id> differs from Location's, and it lists 8283334444 whatever was asked.
  const sampleCreated = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<DisconnectTelephoneNumberOrderResponse>
    <orderRequest>
        <OrderCreateDate>2018-05-29T16:01:13.014Z</OrderCreateDate>
        <id>62ba44f0-f2fb-4509-9132-bd0507d8671a</id>
        <DisconnectTelephoneNumberOrderType>
            <TelephoneNumberList>
                <TelephoneNumber>8283334444</TelephoneNumber>
            </TelephoneNumberList>
            <DisconnectMode>normal</DisconnectMode>
        </DisconnectTelephoneNumberOrderType>
    </orderRequest>
    <OrderStatus>RECEIVED</OrderStatus>
</DisconnectTelephoneNumberOrderResponse>`;
  const answerWithSampleCreated = () =>
    gw.sims.dashboard.inject(
      {
        kind: 'status',
        status: 201,
        contentType: 'application/xml; charset=utf-8',
        body: sampleCreated,
        headers: {
          location: 'https://dashboard.bandwidth.com/api/accounts/{{accountId}}/disconnects/df2gc2e2-653d-466c-945d-8f292f09ce55',
        },
      },
      { method: 'POST', times: 1 },
    );
  const lookupSample = {
    application: 'https://api.catapult.inetwork.com/v1/users/{{UserId}}/applications/a-asdf',
    id: 'n-alghk4678lkghsdf',
    applicationId: 'a-asdf',
    number: '+19192302749',
    nationalNumber: '(919) 230-2749',
    name: '+19197258959',
    createdTime: '2018-04-23T18:22:38Z',
    city: 'CARY',
    state: 'NC',
    price: '0.35',
    numberState: 'enabled',
  };

  it("refuses the sample lookup's answer for +18283334444 (the record of +19192302749): nothing is un-imported or filed", async () => {
    gw.sims.catapult.inject(json(200, lookupSample), { method: 'GET', times: 2 });
    const carrier = await gw.graphql(`{ carrierNumber(number: "+18283334444") { id number } }`);
    expect(carrier.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstream: 'catapult' });
    const disconnect = await gw.graphql(`mutation { disconnectNumber(number: "+18283334444") { order { id } } }`);
    expect(disconnect.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstream: 'catapult' });
    expect(sent('catapult')).toEqual([
      'GET /v1/users/u-switchboard/phoneNumbers/+18283334444',
      'GET /v1/users/u-switchboard/phoneNumbers/+18283334444',
    ]);
    expect(gw.calls('dashboard')).toBe(0);
  });

  it('reads the sample record, every field, when asked for its own number', async () => {
    gw.sims.catapult.inject(json(200, lookupSample), { method: 'GET', times: 1 });
    const res = await gw.graphql(`{
      carrierNumber(number: "+19192302749") { id application applicationId number nationalNumber name createdTime city state price numberState }
    }`);
    expect(res.data?.carrierNumber).toEqual({ ...lookupSample, createdTime: '2018-04-23T18:22:38.000Z' });
  });

  it('un-imports by number-id (DELETE …/phoneNumbers/n-alghk4678lkghsdf, 200 with no body), then files the sample order', async () => {
    const res = await gw.graphql(
      `mutation { disconnectNumber(number: "+19192302749", name: "Delete Number") { unimported order { id name } } }`,
    );
    expect(res.data?.disconnectNumber).toMatchObject({ unimported: true, order: { name: 'Delete Number' } });
    expect(sent('catapult')).toEqual([
      'GET /v1/users/u-switchboard/phoneNumbers/+19192302749',
      'DELETE /v1/users/u-switchboard/phoneNumbers/n-alghk4678lkghsdf',
    ]);
  });

  it('POSTs the sample DisconnectTelephoneNumberOrder and takes the order id from Location, not from the body', async () => {
    answerWithSampleCreated();
    const res = await gw.graphql<{ disconnectNumber: { order: unknown } | null }>(`mutation {
      disconnectNumber(number: "+18283334444", name: "Delete Number") { order { id status numbers createdAt disconnectMode name } }
    }`);
    expect(res.data?.disconnectNumber?.order).toEqual({
      id: 'df2gc2e2-653d-466c-945d-8f292f09ce55',
      status: 'RECEIVED',
      numbers: ['+18283334444'],
      createdAt: '2018-05-29T16:01:13.014Z',
      disconnectMode: 'normal',
      name: 'Delete Number',
    });
    const post = gw.sims.dashboard.requests.find((r) => r.method === 'POST');
    expect(post?.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(parseXml(post?.body ?? '')).toEqual(
      parseXml(`<?xml version="1.0"?>
<DisconnectTelephoneNumberOrder>
    <name>Delete Number</name>
    <DisconnectTelephoneNumberOrderType>
        <TelephoneNumberList>
            <TelephoneNumber>8283334444</TelephoneNumber>
        </TelephoneNumberList>
    </DisconnectTelephoneNumberOrderType>
</DisconnectTelephoneNumberOrder>`),
    );
  });

  it("does not take the sample 201 for another number's order as the order of the number asked: says so, and the next call files one", async () => {
    answerWithSampleCreated();
    // The order read again, as a fake serving the document's samples answers it: still 8283334444.
    gw.sims.dashboard.inject(
      { kind: 'status', status: 200, contentType: 'application/xml', body: sampleCreated },
      { method: 'GET', times: 1 },
    );
    const first = await gw.graphql(`mutation { disconnectNumber(number: "+19192302749") { orderFiledNow order { id numbers } } }`);
    expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', upstream: 'dashboard' });
    expect(first.errors?.[0]?.message).toContain('not +19192302749');
    const again = await gw.graphql<{ disconnectNumber: { orderFiledNow: boolean; order: { id: string; numbers: string[] } } }>(
      `mutation { disconnectNumber(number: "+19192302749") { orderFiledNow order { id numbers } } }`,
    );
    expect(again.data?.disconnectNumber.orderFiledNow).toBe(true);
    expect(again.data?.disconnectNumber.order.numbers).toEqual(['+19192302749']);
  });

  it('gives disconnectNumbers the sample order only for the number it lists', async () => {
    answerWithSampleCreated();
    gw.sims.dashboard.inject(
      { kind: 'status', status: 200, contentType: 'application/xml', body: sampleCreated },
      { method: 'GET', times: 1 },
    );
    const res = await gw.graphql(
      `mutation { disconnectNumbers(numbers: ["+19192302749", "+18283334444"]) { number orderFiledNow errorCode order { id } } }`,
    );
    expect(res.data?.disconnectNumbers).toEqual([
      { number: '+19192302749', orderFiledNow: false, errorCode: 'UPSTREAM_BAD_RESPONSE', order: null },
      { number: '+18283334444', orderFiledNow: true, errorCode: null, order: { id: 'df2gc2e2-653d-466c-945d-8f292f09ce55' } },
    ]);
  });

  it('takes a number the new order does not list as unknown when the order cannot be read again: nothing is filed twice', async () => {
    answerWithSampleCreated();
    const first = await gw.graphql(`mutation { disconnectNumber(number: "+19192302749") { order { id } } }`);
    expect(first.errors?.[0]?.extensions).toMatchObject({ upstream: 'dashboard', outcomeUnknown: true });
    const again = await gw.graphql(`mutation { disconnectNumber(number: "+19192302749") { order { id } } }`);
    expect(again.errors?.[0]?.extensions).toMatchObject({ outcomeUnknown: true });
    expect(gw.sims.dashboard.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('keeps the name sent when neither answer repeats it', async () => {
    answerWithSampleCreated();
    await gw.graphql(`mutation { disconnectNumber(number: "+18283334444", name: "Delete Number") { order { id } } }`);
    gw.sims.dashboard.inject(
      { kind: 'status', status: 200, contentType: 'application/xml', body: sampleCreated },
      { method: 'GET', times: 1 },
    );
    const res = await gw.graphql(`{ disconnectOrder(id: "df2gc2e2-653d-466c-945d-8f292f09ce55") { name } }`);
    expect(res.data).toEqual({ disconnectOrder: { name: 'Delete Number' } });
  });

  it('reads the sample COMPLETE order status', async () => {
    const complete = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<DisconnectTelephoneNumberOrderResponse>
    <DisconnectedTelephoneNumberList>
        <TelephoneNumber>8283334444</TelephoneNumber>
    </DisconnectedTelephoneNumberList>
    <orderRequest>
        <OrderCreateDate>2018-05-29T16:01:13.014Z</OrderCreateDate>
        <id>df2gc2e2-653d-466c-945d-8f292f09ce55</id>
        <DisconnectTelephoneNumberOrderType>
            <TelephoneNumberList>
                <TelephoneNumber>8283334444</TelephoneNumber>
            </TelephoneNumberList>
            <DisconnectMode>normal</DisconnectMode>
        </DisconnectTelephoneNumberOrderType>
    </orderRequest>
    <OrderStatus>COMPLETE</OrderStatus>
</DisconnectTelephoneNumberOrderResponse>`;
    gw.sims.dashboard.inject({ kind: 'status', status: 200, contentType: 'application/xml', body: complete }, { method: 'GET', times: 1 });
    const res = await gw.graphql(
      `{ disconnectOrder(id: "df2gc2e2-653d-466c-945d-8f292f09ce55") { id status numbers disconnectedNumbers disconnectMode } }`,
    );
    expect(res.data?.disconnectOrder).toEqual({
      id: 'df2gc2e2-653d-466c-945d-8f292f09ce55',
      status: 'COMPLETE',
      numbers: ['+18283334444'],
      disconnectedNumbers: ['+18283334444'],
      disconnectMode: 'normal',
    });
    expect(sent('dashboard')).toEqual([
      `GET /api/accounts/${simulatorCredentials.BANDWIDTH_ACCOUNT_ID}/disconnects/df2gc2e2-653d-466c-945d-8f292f09ce55`,
    ]);
  });
});

describe('seed 003, Contacts API: delete several contacts', () => {
  const ids = ['e7fcef24-5c03-41dd-9e33-995b7d6f32b1', 'ceb892d2-f24b-4007-bf81-999fe75cb635'];

  it('sends the sample body {"id": [...]} and reads the sample success ACK', async () => {
    const ack = {
      errorCode: '',
      errorMessage: '',
      content: [{ requestId: 'ff74dca6-8e7f-4b85-a42b-13860913b370' }],
      pageable: { page: 0, size: 10, totalPages: 1, totalElements: 1 },
    };
    gw.sims.contacts.inject(json(200, ack), { method: 'DELETE', times: 1 });
    const res = await gw.graphql(`mutation { deleteContacts(customerId: "${ACME}", ids: ${JSON.stringify(ids)}) { requestId ids } }`);
    expect(res.data).toEqual({ deleteContacts: { requestId: 'ff74dca6-8e7f-4b85-a42b-13860913b370', ids } });
    expect(sent('contacts')).toEqual([`DELETE /api/v2/customer/${ACME}/contact`]);
    expect(JSON.parse(gw.sims.contacts.requests[0]?.body ?? '')).toEqual({ id: ids });
  });

  it('reads a success ACK without pageable (optional in the document) as done', async () => {
    const ack = { errorCode: '', errorMessage: '', content: [{ requestId: 'ff74dca6-8e7f-4b85-a42b-13860913b370' }] };
    gw.sims.contacts.inject(json(200, ack), { method: 'DELETE', times: 1 });
    const res = await gw.graphql(`mutation { deleteContacts(customerId: "${ACME}", ids: ${JSON.stringify(ids)}) { requestId } }`);
    expect(res.data).toEqual({ deleteContacts: { requestId: 'ff74dca6-8e7f-4b85-a42b-13860913b370' } });
  });

  it('reads the sample failure NAK (AUTH_1010, content and pageable empty strings) on HTTP 200 as FORBIDDEN', async () => {
    const nak = { errorCode: 'AUTH_1010', errorMessage: 'Contact for your account was not found', content: '', pageable: '' };
    gw.sims.contacts.inject(json(200, nak), { method: 'DELETE', times: 1 });
    const res = await gw.graphql(`mutation { deleteContacts(customerId: "${ACME}", ids: ${JSON.stringify(ids)}) { requestId } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', upstream: 'contacts', upstreamCode: 'AUTH_1010' });
    expect(res.errors?.[0]?.message).toContain('Contact for your account was not found');
  });
});

describe('seed 004, VoipNow UAPI: DELETE /uapi/phoneCalls/@me/0003*210/7d280cc4feae3255a497?phoneNumber=8887777', () => {
  it('sends the example request as written and reads the example answer [{ "id": "7d280cc4feae3255a497" }]', async () => {
    const res = await gw.graphql(`mutation {
      hangUpCalls(userId: "@me", extension: "0003*210", phoneCallId: "7d280cc4feae3255a497", phoneNumber: "8887777") { hungUpIds hungUp { id } }
    }`);
    expect(res.data).toEqual({ hangUpCalls: { hungUpIds: ['7d280cc4feae3255a497'], hungUp: [{ id: '7d280cc4feae3255a497' }] } });
    expect(sent('uapi')).toEqual(['DELETE /uapi/phoneCalls/@me/0003*210/7d280cc4feae3255a497?phoneNumber=8887777']);
  });

  it('exposes whole PhoneCall objects when the UAPI answers with them (its model: Array<PhoneCall>)', async () => {
    const call = {
      id: '7d280cc4feae3255a497',
      extension: '0003*210',
      phoneNumber: '8887777',
      direction: 'incoming',
      status: 'active',
      startedAt: '2026-11-24T09:00:00Z',
    };
    gw.sims.uapi.inject(json(200, [call]), { method: 'DELETE', times: 1 });
    const res = await gw.graphql(
      `mutation { hangUpCalls(extension: "0003*210") { hungUp { id extension phoneNumber direction status startedAt } } }`,
    );
    expect(res.data?.hangUpCalls).toEqual({ hungUp: [{ ...call, direction: 'INCOMING', startedAt: '2026-11-24T09:00:00.000Z' }] });
  });
});

describe('upstream values the gateway cannot normalise', () => {
  // Seed 001: phoneNumber is "Details of contact. e.g. Phone number or email".
  const unreadable = {
    phoneNumberId: '7777770',
    name: 'old',
    countryCode: '+64',
    type: 'home',
    phoneNumber: 'john@example.com',
    isPrimary: 'false' as const,
  };

  it('lists a Phone Number record whose phoneNumber is an email with e164 null, not an error', async () => {
    gw.sims.phoneNumbers.state.customers.get(KIWI)?.push({ ...unreadable });
    const res = await gw.graphql(`{ customer(id: "${KIWI}") { phoneNumbers { id e164 carrier { id } } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      customer: {
        phoneNumbers: [
          { id: '7777777', e164: '+6492645555', carrier: null },
          { id: '7777770', e164: null, carrier: null },
        ],
      },
    });
  });

  it('retires a number beside such a record, leaving it alone and saying so', async () => {
    gw.sims.phoneNumbers.state.customers.get(KIWI)?.push({ ...unreadable });
    const res = await gw.graphql(
      `mutation { retirePhoneNumber(customerId: "${KIWI}", number: "+64 9 264 5555") { complete steps { name status reason removedIds } } }`,
    );
    const step = (
      res.data as { retirePhoneNumber: { steps: { name: string; status: string; reason: string | null; removedIds: string[] }[] } }
    ).retirePhoneNumber.steps[1];
    expect(step).toMatchObject({ name: 'PHONE_NUMBERS', status: 'DONE', removedIds: ['7777777'] });
    expect(step?.reason).toContain('7777770');
    expect(gw.sims.phoneNumbers.state.customers.get(KIWI)?.map((p) => p.phoneNumberId)).toEqual(['7777770']);
  });
});

describe('reading numbers the one way every upstream is read (gateway.md, "Reading numbers")', () => {
  const phones = (list: object[]) => json(200, { customerId: ACME, version: 'v9', phones: list });
  const customerPhone = (fields: object) => ({ key: '5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e99', type: 'Phone', ...fields });
  const e164Of = async () =>
    (
      (await gw.graphql(`{ customer(id: "${ACME}") { phones { items { e164 } } } }`)).data as {
        customer: { phones: { items: { e164: string | null }[] } };
      }
    ).customer.phones.items[0]?.e164;

  it.each([
    ['numberInternational without + and no country', { numberInternational: '64 9 264 5555' }, '+6492645555'],
    ['numberInternational with 00', { numberInternational: '0064 9 264 5555' }, '+6492645555'],
    ['numberInternational with +', { country: 'US', numberInternational: '+64 9 264 5555' }, '+6492645555'],
    ['numberLocal in its country', { country: 'NZ', numberLocal: '09 264 5555' }, '+6492645555'],
    ['numberLocal with no country', { numberLocal: '09 264 5555' }, null],
    ['numberLocal written with 00', { numberLocal: '0064 9 264 5555' }, '+6492645555'],
  ])('Customer Phones: %s', async (_, fields, e164) => {
    gw.sims.customerPhones.inject(phones([customerPhone(fields)]), { method: 'GET', times: 1 });
    expect(await e164Of()).toBe(e164);
  });

  it.each([
    ['countryCode "+64"', { countryCode: '+64', areaCode: '09', phoneNumber: '264 5555' }, '+6492645555'],
    ['countryCode "0064"', { countryCode: '0064', areaCode: '09', phoneNumber: '264 5555' }, '+6492645555'],
    ['countryCode "64"', { countryCode: '64', areaCode: '09', phoneNumber: '264 5555' }, '+6492645555'],
    ['no countryCode', { areaCode: '09', phoneNumber: '264 5555' }, null],
    ['no countryCode, phoneNumber written with +', { phoneNumber: '+64 9 264 5555' }, '+6492645555'],
  ])('Phone Number API: %s', async (_, fields, e164) => {
    gw.sims.phoneNumbers.inject(json(200, [{ phoneNumberId: '7777771', type: 'home', isPrimary: 'false', ...fields }]), {
      method: 'GET',
      times: 1,
    });
    const res = await gw.graphql(`{ customer(id: "${KIWI}") { phoneNumbers { e164 } } }`);
    expect(res.data).toEqual({ customer: { phoneNumbers: [{ e164 }] } });
  });

  it.each(['8283334444', '(828) 333-4444', '+1 828 333 4444'])('catapult: CarrierNumber.number echoed as %s is E.164', async (echoed) => {
    gw.sims.catapult.inject(json(200, { id: 'n-1', number: echoed }), { method: 'GET', times: 1 });
    const res = await gw.graphql('{ carrierNumber(number: "+18283334444") { number } }');
    expect(res.data).toEqual({ carrierNumber: { number: '+18283334444' } });
  });
});
