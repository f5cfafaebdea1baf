// Bad input of every kind gets a clear error and a 4xx, never a 500, and never reaches an upstream.
import { Readable } from 'node:stream';
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { queryLimits } from '../../src/plugins/use-query-limits.js';
import { ACME } from '../../src/simulators/demo.js';
import { codes, useGateway } from '../support/gateway.js';

const gw = useGateway({ MAX_BODY_BYTES: '65536' });

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { accept: 'application/graphql-response+json', ...headers },
    body,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

describe('hostile arguments', () => {
  it.each([
    ['letters', 'four five six'],
    ['too short', '12'],
    ['too long', '+1'.padEnd(200, '9')],
    ['an injection attempt', "+1 828'; DROP TABLE numbers;--"],
    ['a path traversal', '../../admin'],
    ['empty', ''],
  ])('refuses a phone number that is %s as BAD_USER_INPUT naming the argument', async (_, number) => {
    const res = await gw.graphql('query($n: String!) { carrierNumber(number: $n) { id } }', { n: number });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toContain('"number"');
    expect(gw.totalCalls()).toBe(0);
  });

  it.each([
    ['a customer id that is not a UUID', `{ customer(id: "1 OR 1=1") { phones { version } } }`],
    ['an empty phone key', `mutation { deletePhones(customerId: "${ACME}", keys: [" "]) { version } }`],
    [
      'a Customer Phones customer id that is not a UUID (seed 000)',
      `mutation { deletePhones(customerId: "C-1001", keys: ["k"]) { version } }`,
    ],
    ['a contact id that is not a UUID', `mutation { deleteContacts(customerId: "${ACME}", ids: ["x"]) { requestId } }`],
    ['a phone number id over 10 characters', `mutation { deletePhoneNumber(customerId: "${ACME}", id: "12345678901") }`],
    ['an extension with a slash', `{ phoneCalls(extension: "0003/210") { id } }`],
    ['a user id with a slash', `{ phoneCalls(userId: "../me", extension: "0003*210") { id } }`],
    ['a call id with punctuation', `mutation { hangUpCalls(extension: "0003*210", phoneCallId: "a;b") { hungUpIds } }`],
    ['an order id with a slash', `{ disconnectOrder(id: "../../accounts") { id } }`],
    [
      'a phone name over 50 characters',
      `mutation { createPhoneNumber(customerId: "${ACME}", input: { type: HOME, phoneNumber: "333 4444", areaCode: "828", name: "${'x'.repeat(51)}" }) { id } }`,
    ],
    [
      'a phone number over 75 characters',
      `mutation { createPhoneNumber(customerId: "${ACME}", input: { type: HOME, phoneNumber: "${'1'.repeat(76)}" }) { id } }`,
    ],
    [
      'a country code over 4 characters',
      `mutation { createPhoneNumber(customerId: "${ACME}", input: { type: HOME, phoneNumber: "333 4444", countryCode: "+1234" }) { id } }`,
    ],
    [
      'an area code over 4 characters',
      `mutation { createPhoneNumber(customerId: "${ACME}", input: { type: HOME, phoneNumber: "333 4444", areaCode: "82800" }) { id } }`,
    ],
    ['a negative contacts page', `{ customer(id: "${ACME}") { contacts(page: -1) { totalElements } } }`],
    [
      'an empty expectedVersion',
      `mutation { deletePhones(customerId: "${ACME}", keys: ["5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03"], expectedVersion: "") { version } }`,
    ],
  ])('refuses %s as BAD_USER_INPUT before any upstream call', async (_, operation) => {
    const res = await gw.graphql(operation);
    expect(codes(res)).toContain('BAD_USER_INPUT');
    expect(gw.totalCalls()).toBe(0);
  });

  it('refuses 101 customer ids, naming the limit', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const res = await gw.graphql('query($ids: [ID!]!) { customers(ids: $ids) { id } }', { ids });
    expect(res.errors?.[0]?.message).toContain('at most 100');
  });
});

describe('query limits', () => {
  it(`refuses a query deeper than ${queryLimits.maxDepth}, naming the depth limit`, async () => {
    const deep = `{ customer(id: "${ACME}") { ${'phoneNumbers { customer { '.repeat(6)} id ${'} } '.repeat(6)} } }`;
    const res = await gw.graphql(deep);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxDepth' });
    expect(gw.totalCalls()).toBe(0);
  });

  it(`refuses more than ${queryLimits.maxAliases} aliases, naming the alias limit`, async () => {
    const wide = `{ ${Array.from({ length: queryLimits.maxAliases + 1 }, (_, i) => `a${i}: customer(id: "${ACME}") { id }`).join(' ')} }`;
    const res = await gw.graphql(wide);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'maxAliases' });
    expect(gw.totalCalls()).toBe(0);
  });

  it(`refuses more than ${queryLimits.maxDirectives} directives, naming the directive limit`, async () => {
    const res = await gw.graphql(`{ customer(id: "${ACME}") { id ${'@include(if: true) '.repeat(queryLimits.maxDirectives + 1)} } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/directive/i);
  });

  it(`refuses more than ${queryLimits.maxTokens} tokens, naming the token limit`, async () => {
    const res = await gw.graphql(`{ ${'__typename '.repeat(queryLimits.maxTokens + 1)} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).toMatch(/token/i);
  });

  it('does not suggest field names for a misspelt field', async () => {
    const res = await gw.graphql(`{ custmer(id: "${ACME}") { id } }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.message).not.toContain('Did you mean');
  });

  it.each([
    [
      'an enum value in the document',
      'mutation { createPhoneNumber(customerId: "c1", input: { type: MOBLE, phoneNumber: "1" }) { id } }',
      {},
    ],
    [
      'enum value in a variable',
      'mutation($t: PhoneNumberType!) { createPhoneNumber(customerId: "c1", input: { type: $t, phoneNumber: "1" }) { id } }',
      { t: 'MOBLE' },
    ],
    ['argument', `{ customer(idd: "${ACME}") { id } }`, {}],
    ['type', 'query($i: Custmer) { __typename }', {}],
  ])('does not suggest names for a misspelt %s', async (_, document, variables) => {
    const res = await gw.graphql(document, variables);
    expect(res.status).toBe(400);
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const error of res.errors ?? []) expect(error.message).not.toMatch(/Did you mean|MOBILE|"Customer"/);
  });
});

describe('malformed requests', () => {
  it('answers a body that is not JSON with 400', async () => {
    const res = await post('{"query": "{ __typename }"');
    expect(res.status).toBe(400);
  });

  it('answers a body over MAX_BODY_BYTES with 413 before reading it', async () => {
    const res = await post(JSON.stringify({ query: `{ __typename }`, variables: { pad: 'x'.repeat(70_000) } }));
    expect(res.status).toBe(413);
    expect(res.text).toContain('65536');
  });

  it('answers a body of unstated length with 411', async () => {
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: Readable.from([Buffer.from('{"query":"{ __typename }"}')]),
    });
    expect(res.statusCode).toBe(411);
    await res.body.dump();
  });

  it('refuses a text/plain POST, the kind a cross-site form can send, with 4xx', async () => {
    const res = await post(JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'text/plain' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });

  it('answers a variable of the wrong type with 400 and a message naming it', async () => {
    const res = await gw.graphql('query($ids: [ID!]!) { customers(ids: $ids) { id } }', { ids: { not: 'a list' } } as never);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.errors)).toContain('$ids');
  });

  it('answers a query that does not parse with 400', async () => {
    const res = await gw.graphql('{ customer(id: ');
    expect(res.status).toBe(400);
  });

  it('answers a request without a query with 400', async () => {
    const res = await post(JSON.stringify({ variables: {} }));
    expect(res.status).toBe(400);
  });
});
