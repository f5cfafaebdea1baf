// The simulators answer the upstream documents' own samples as the documents show them.
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { ACME, KIWI } from '../src/simulators/demo.js';
import { closeSimulators, type Simulators, startSimulators } from '../src/simulators/index.js';
import { parseXml } from '../src/upstreams/dashboard/xml.js';
import { basicAuth } from '../src/upstreams/http/request.js';

const { upstreams } = loadConfig({});
let sims: Simulators;

beforeAll(async () => {
  sims = (await startSimulators(upstreams, { orderStepMs: 'manual' })) as Simulators;
});
afterAll(async () => {
  await closeSimulators(sims);
});

async function send(url: string, options: { method?: 'GET' | 'POST' | 'DELETE'; headers?: Record<string, string>; body?: string } = {}) {
  const res = await request(url, { method: options.method ?? 'GET', headers: options.headers, body: options.body });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

interface OrderXml {
  OrderStatus: string;
  DisconnectedTelephoneNumberList?: unknown;
  orderRequest: { id: string; OrderCreateDate: string; DisconnectTelephoneNumberOrderType: unknown };
}

describe('simulators against the documents', () => {
  it('Dashboard: the documented POST body gets 201, a Location, and a RECEIVED order whose body id differs from Location', async () => {
    const documented = `<?xml version="1.0"?>
<DisconnectTelephoneNumberOrder>
    <name>Delete Number</name>
    <DisconnectTelephoneNumberOrderType>
        <TelephoneNumberList>
            <TelephoneNumber>8283334444</TelephoneNumber>
        </TelephoneNumberList>
    </DisconnectTelephoneNumberOrderType>
</DisconnectTelephoneNumberOrder>`;
    const auth = basicAuth(upstreams.dashboard.settings.BANDWIDTH_USERNAME, upstreams.dashboard.settings.BANDWIDTH_PASSWORD);
    const res = await send(`${sims.dashboard.url}/accounts/${upstreams.dashboard.settings.BANDWIDTH_ACCOUNT_ID}/disconnects`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/xml; charset=utf-8' },
      body: documented,
    });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const location = String(res.headers.location);
    expect(location).toMatch(new RegExp(`/api/accounts/${upstreams.dashboard.settings.BANDWIDTH_ACCOUNT_ID}/disconnects/[^/]+$`));
    const body = parseXml(res.text) as { DisconnectTelephoneNumberOrderResponse: OrderXml };
    const response = body.DisconnectTelephoneNumberOrderResponse;
    expect(response.OrderStatus).toBe('RECEIVED');
    expect(response.orderRequest.DisconnectTelephoneNumberOrderType).toEqual({
      TelephoneNumberList: { TelephoneNumber: ['8283334444'] },
      DisconnectMode: 'normal',
    });
    expect(Number.isNaN(Date.parse(response.orderRequest.OrderCreateDate))).toBe(false);
    expect(location.endsWith(response.orderRequest.id)).toBe(false);

    const orderId = location.split('/').pop() as string;
    await sims.dashboard.advanceOrder(orderId);
    await sims.dashboard.advanceOrder(orderId);
    const status = await send(location, { headers: { authorization: auth } });
    const completed = (parseXml(status.text) as { DisconnectTelephoneNumberOrderResponse: OrderXml })
      .DisconnectTelephoneNumberOrderResponse;
    expect(completed.OrderStatus).toBe('COMPLETE');
    expect(completed.DisconnectedTelephoneNumberList).toEqual({ TelephoneNumber: ['8283334444'] });
    expect(completed.orderRequest.id).toBe(orderId);
  });

  it('Contacts: the documented request body gets the documented success ACK', async () => {
    const res = await send(`${sims.contacts.url}/api/v2/customer/${ACME}/contact`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${upstreams.contacts.settings.CONTACTS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: ['e7fcef24-5c03-41dd-9e33-995b7d6f32b1', 'ceb892d2-f24b-4007-bf81-999fe75cb635'] }),
    });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text);
    expect(Object.keys(body)).toEqual(['errorCode', 'errorMessage', 'content', 'pageable']);
    expect(body).toMatchObject({ errorCode: '', errorMessage: '', pageable: { page: 0, size: 1, totalPages: 1, totalElements: 1 } });
    expect(body.content).toEqual([{ requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
  });

  it('Contacts: a failure is the documented NAK, with empty content and pageable', async () => {
    const res = await send(`${sims.contacts.url}/api/v2/customer/${ACME}/contact/99999999-9999-4999-8999-999999999999`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${upstreams.contacts.settings.CONTACTS_TOKEN}` },
    });
    expect(JSON.parse(res.text)).toEqual({ errorCode: 'CUSTOMER_1017', errorMessage: 'Unknown Contact ID', content: '', pageable: '' });
  });

  it('Contacts: ids both in the URL and in the body are a bad request', async () => {
    const res = await send(`${sims.contacts.url}/api/v2/customer/${ACME}/contact/0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${upstreams.contacts.settings.CONTACTS_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id: ['0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d'] }),
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errorCode).not.toBe('');
  });

  it('Customer Phones: a 400 is an RFC 7807 problem with the documented members', async () => {
    const res = await send(`${sims.customerPhones.url}/v1/customers/${ACME}/phones`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${upstreams.customerPhones.settings.CUSTOMER_PHONES_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ keys: [] }),
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Object.keys(JSON.parse(res.text)).sort()).toEqual(['detail', 'extensions', 'instance', 'status', 'title', 'type']);
  });

  it('Phone Number: the documented sample object is served as written, isPrimary a string', async () => {
    const res = await send(`${sims.phoneNumbers.url}/customers/${KIWI}/phoneNumbers/7777777`, {
      headers: { 'ocp-apim-subscription-key': upstreams.phoneNumbers.settings.PHONE_NUMBERS_KEY },
    });
    expect(JSON.parse(res.text)).toEqual({
      phoneNumberId: '7777777',
      name: 'john',
      countryCode: '+64',
      areaCode: '09',
      type: 'mobile',
      phoneNumber: '264 5555',
      isPrimary: 'true',
    });
  });

  it('catapult (Voice & Messaging): the documented number object has every documented member', async () => {
    const res = await send(`${sims.catapult.url}/v1/users/${upstreams.catapult.settings.CATAPULT_USER_ID}/phoneNumbers/+19192302749`, {
      headers: {
        authorization: basicAuth(upstreams.catapult.settings.CATAPULT_API_TOKEN, upstreams.catapult.settings.CATAPULT_API_SECRET),
      },
    });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Object.keys(JSON.parse(res.text)).sort()).toEqual(
      [
        'application',
        'applicationId',
        'city',
        'createdTime',
        'id',
        'name',
        'nationalNumber',
        'number',
        'numberState',
        'price',
        'state',
      ].sort(),
    );
  });

  it('UAPI: the documented hang-up request answers with the documented id list', async () => {
    const res = await send(`${sims.uapi.url}/uapi/phoneCalls/@me/0003*210/7d280cc4feae3255a497?phoneNumber=8887777`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${upstreams.uapi.settings.UAPI_TOKEN}`, 'content-type': 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toEqual([{ id: '7d280cc4feae3255a497' }]);
  });

  it('UAPI: nothing left to hang up is 204 with no body', async () => {
    const none = await send(`${sims.uapi.url}/uapi/phoneCalls/@me/@self?phoneNumber=%2B15555550000`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${upstreams.uapi.settings.UAPI_TOKEN}` },
    });
    expect(none.status).toBe(204);
    expect(none.text).toBe('');
  });
});
