// Caller → upstream: a caller's value reaches an upstream only as data. A value a server on the way could
// read as `.` or `..` is BAD_USER_INPUT before any call, wherever it enters a URL.
import { describe, expect, it } from 'vitest';
import { ACME } from '../../src/simulators/demo.js';
import { path } from '../../src/upstreams/http/path.js';
import { codes, useGateway } from '../support/gateway.js';

const gw = useGateway({ BANDWIDTH_CALLBACK_USERNAME: 'bandwidth', BANDWIDTH_CALLBACK_PASSWORD: 'callback-secret-for-tests' });

const spellings = ['.', '..', '%2e', '%2E%2e', '.%2E', '%252e%252e', '..;x=1', '．．', '%u002e%u002e', 'a/..', '..\\a', ' .. '];

describe('a caller value that would be a path step', () => {
  it.each(spellings)('%j as a phone number id is refused before any call', async (id) => {
    const res = await gw.graphql('mutation($id: ID!) { deletePhoneNumber(customerId: "c1", id: $id) }', { id });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toContain('"id"');
    expect(gw.totalCalls()).toBe(0);
  });

  it.each([
    ['customer(id)', 'query($v: ID!) { customer(id: $v) { phoneNumbers { id } contacts { totalElements } } }'],
    ['phoneNumber(customerId)', 'query($v: ID!) { phoneNumber(customerId: $v, id: "1000001") { id } }'],
    ['disconnectOrder(id)', 'query($v: ID!) { disconnectOrder(id: $v) { id } }'],
    ['hangUpCalls(userId)', 'mutation($v: String!) { hangUpCalls(userId: $v, extension: "0003*210") { hungUpIds } }'],
    ['hangUpCalls(phoneCallId)', 'mutation($v: ID!) { hangUpCalls(extension: "0003*210", phoneCallId: $v) { hungUpIds } }'],
    ['deleteContacts(customerId)', `mutation($v: ID!) { deleteContacts(customerId: $v, ids: ["${ACME}"]) { requestId } }`],
    ['retirePhoneNumber(customerId)', 'mutation($v: ID!) { retirePhoneNumber(customerId: $v, number: "+18283334444") { complete } }'],
  ])('in %s is refused before any call', async (_, document) => {
    const res = await gw.graphql(document, { v: '..' });
    expect(codes(res)).toContain('BAD_USER_INPUT');
    expect(gw.totalCalls()).toBe(0);
  });

  it('in a federation representation, which no argument check sees, is refused by the path itself', async () => {
    const res = await gw.graphql('query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { phoneNumbers { id } } } }', {
      r: [{ __typename: 'Customer', id: '..' }],
    });
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(gw.totalCalls()).toBe(0);
  });

  it("in a callback's OrderId is refused, and the Dashboard is not called", async () => {
    const res = await fetch(`${gw.url}/callbacks/bandwidth`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from('bandwidth:callback-secret-for-tests').toString('base64')}` },
      body: '<Notification><OrderType>disconnects</OrderType><OrderId>%2e%2e</OrderId><Status>COMPLETE</Status></Notification>',
    });
    expect(res.status).toBe(400);
    expect(gw.calls('dashboard')).toBe(0);
  });
});

describe('a caller value that holds dots but is no path step', () => {
  it('goes upstream as one encoded segment', async () => {
    const res = await gw.graphql('query($v: ID!) { customer(id: $v) { phoneNumbers { id } } }', { v: '..a/b.' });
    expect(codes(res)).toEqual(['NOT_FOUND']);
    expect(gw.sims.phoneNumbers.requests.map((r) => r.path)).toEqual(['/CustomerServices/v1.0/customers/..a%2Fb./phoneNumbers']);
  });
});

describe('the path template', () => {
  it('refuses a path step whoever passes it in', () => {
    expect(() => path`/customers/${'%2e%2e'}/phoneNumbers`).toThrow(/path step/);
  });
});
