import { describe, expect, it } from 'vitest';
import { startContactsSimulator } from '../../src/simulators/contacts.js';
import { ACME, ACME_BRANCH, KIWI, RESELLER } from '../../src/simulators/demo.js';
import { ContactsClient } from '../../src/upstreams/contacts/client.js';
import { httpFor, upstreamFailure, useUpstream } from '../support/http.js';

const token = 'contacts-token';
const unknownContact = '99999999-9999-4999-8999-999999999999';
const up = useUpstream({
  upstream: 'contacts',
  start: () => startContactsSimulator({ token }),
  headers: { authorization: `Bearer ${token}` },
  client: (http) => new ContactsClient(http),
  fresh: true,
});

const statusOf = async (customerId: string, id: string) =>
  (await up.client.list(customerId, 0, 100)).items.find((c) => c.id === id)?.status;

describe('Contacts client', () => {
  it('lists a page of contacts with page and size query parameters', async () => {
    const page = await up.client.list(ACME, 1, 2);
    expect(page).toMatchObject({ page: 1, size: 2, totalPages: 2, totalElements: 4 });
    expect(page.items).toHaveLength(2);
    expect(up.sim.requests[0]).toMatchObject({ method: 'GET', path: `/api/v2/customer/${ACME}/contact?page=1&size=2` });
    expect(up.sim.requests[0]?.headers.authorization).toBe(`Bearer ${token}`);
  });

  it('deletes one contact through the single-contact URL with no body, softly', async () => {
    const id = 'e7fcef24-5c03-41dd-9e33-995b7d6f32b1';
    const { requestId } = await up.client.deleteContacts(ACME, [id]);
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(up.sim.requests[0]).toMatchObject({ method: 'DELETE', path: `/api/v2/customer/${ACME}/contact/${id}`, body: '' });
    expect(await statusOf(ACME, id)).toBe('DELETED');
  });

  it('takes an ACK whose content is an object, as seed 003 types it, as well as the array its sample shows', async () => {
    const ack = {
      errorCode: '',
      errorMessage: '',
      content: { requestId: 'ff74dca6-8e7f-4b85-a42b-13860913b370' },
      pageable: { page: 0, size: 10, totalPages: 1, totalElements: 1 },
    };
    up.sim.inject({ kind: 'status', status: 200, contentType: 'application/json', body: JSON.stringify(ack) }, { times: 1 });
    expect(await up.client.deleteContacts(ACME, ['e7fcef24-5c03-41dd-9e33-995b7d6f32b1'])).toEqual({
      requestId: 'ff74dca6-8e7f-4b85-a42b-13860913b370',
    });
  });

  it('deletes several contacts through the body form {"id": [...]}', async () => {
    const ids = ['e7fcef24-5c03-41dd-9e33-995b7d6f32b1', 'ceb892d2-f24b-4007-bf81-999fe75cb635'];
    await up.client.deleteContacts(ACME, ids);
    expect(up.sim.requests[0]).toMatchObject({ method: 'DELETE', path: `/api/v2/customer/${ACME}/contact` });
    expect(JSON.parse(up.sim.requests[0]?.body ?? '')).toEqual({ id: ids });
  });

  it('deletes nothing when one id is unknown, and reports CUSTOMER_1017 as NOT_FOUND', async () => {
    const known = 'e7fcef24-5c03-41dd-9e33-995b7d6f32b1';
    const failure = await upstreamFailure(up.client.deleteContacts(ACME, [known, unknownContact]));
    expect(failure.extensions).toMatchObject({ code: 'NOT_FOUND', upstream: 'contacts', upstreamCode: 'CUSTOMER_1017' });
    expect(await statusOf(ACME, known)).toBe('ACTIVE');
  });

  it('reports AUTH_1010 on HTTP 200 as FORBIDDEN for a customer two levels down', async () => {
    const failure = await upstreamFailure(up.client.deleteContacts(ACME_BRANCH, ['4e5f6a7b-8c9d-4e0f-9a1b-3c4d5e6f7a8b']));
    expect(failure.extensions).toMatchObject({ code: 'FORBIDDEN', upstreamCode: 'AUTH_1010' });
    expect(failure.status).toBe(200);
  });

  it("reports AUTH_1010 for the requester's own contacts", async () => {
    const failure = await upstreamFailure(up.client.deleteContacts(RESELLER, ['5f6a7b8c-9d0e-4f1a-8b2c-4d5e6f7a8b9c']));
    expect(failure.upstreamCode).toBe('AUTH_1010');
  });

  it('reports an unknown customer (CUSTOMER_1002) as NOT_FOUND', async () => {
    const failure = await upstreamFailure(up.client.list('00000000-0000-4000-8000-000000000000', 0, 20));
    expect(failure.extensions).toMatchObject({ code: 'NOT_FOUND', upstreamCode: 'CUSTOMER_1002' });
  });

  it('reports an error envelope on HTTP 200 (GLOBAL_1001) as UPSTREAM_UNAVAILABLE, not as data', async () => {
    up.sim.inject({ kind: 'envelope', errorCode: 'GLOBAL_1001' });
    const failure = await upstreamFailure(up.client.list(KIWI, 0, 20));
    expect(failure.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstreamCode: 'GLOBAL_1001' });
  });

  it('reports a bad token as UNAUTHENTICATED', async () => {
    const wrong = httpFor('contacts', up.sim.url, { authorization: 'Bearer nope' });
    expect((await upstreamFailure(new ContactsClient(wrong).list(KIWI, 0, 20))).code).toBe('UNAUTHENTICATED');
    await wrong.close();
  });

  it.each([
    [{ kind: 'hang' } as const, 'UPSTREAM_TIMEOUT'],
    [{ kind: 'reset' } as const, 'UPSTREAM_UNAVAILABLE'],
    [{ kind: 'malformed' } as const, 'UPSTREAM_BAD_RESPONSE'],
    [{ kind: 'html' } as const, 'UPSTREAM_BAD_RESPONSE'],
  ])('reports the fault %o as %s', async (fault, code) => {
    up.sim.inject(fault);
    expect((await upstreamFailure(up.client.list(KIWI, 0, 20))).code).toBe(code);
  });
});
