// CSRF prevention: the POSTs a cross-site page can send without a preflight are refused, a mutation
// never runs over GET, and what clients send by default (urql's GET queries; GraphiQL's and routers'
// GET event streams for subscriptions) is served.
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { placeOrder, useGateway } from '../support/gateway.js';

const gw = useGateway();
const get = (query: string, headers: Record<string, string> = {}) =>
  request(`${gw.url}/graphql?query=${encodeURIComponent(query)}`, {
    method: 'GET',
    headers: { accept: 'application/graphql-response+json', ...headers },
  });

describe('CSRF prevention', () => {
  it.each([
    ['a text/plain POST', 'text/plain'],
    ['a form POST', 'application/x-www-form-urlencoded'],
    ['a multipart POST', 'multipart/form-data; boundary=x'],
  ])('refuses %s without the header, as a cross-site page could send it', async (_, contentType) => {
    const res = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: '{"query":"{ __typename }"}',
    });
    await res.body.dump();
    expect(res.statusCode).toBe(403);
  });

  it('refuses a POST with no content type and no header', async () => {
    const res = await request(`${gw.url}/graphql`, { method: 'POST', body: '{"query":"{ __typename }"}' });
    await res.body.dump();
    expect(res.statusCode).toBe(403);
  });

  it('never runs a mutation over GET, header or not', async () => {
    const res = await get('mutation { hangUpCalls(extension: "0003*210") { hungUpIds } }', { 'x-graphql-yoga-csrf': '1' });
    await res.body.dump();
    expect(res.statusCode).toBe(405);
    expect(gw.calls('uapi')).toBe(0);
  });

  it('serves a GET query without any header, as urql sends queries by default, and a JSON POST', async () => {
    const plain = await get('{ __typename }');
    expect(await plain.body.json()).toEqual({ data: { __typename: 'Query' } });
    const post = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(await post.body.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('serves a subscription over GET asking for an event stream, as GraphiQL and Hive Gateway open one', async () => {
    placeOrder(gw.sims, 'csrf-order', 'COMPLETE');
    const res = await get('subscription Follow { disconnectOrder(id: "csrf-order") { status } }', { accept: 'text/event-stream' });
    expect(res.statusCode).toBe(200);
    const text = await res.body.text();
    expect(text).toContain('"status":"COMPLETE"');
    expect(text).toContain('event: complete');
  });
});
