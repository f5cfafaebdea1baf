// Caller → gateway: operationName chooses the operation that runs, always, and a mutation never runs
// over GET, whatever the gateway compiled and ran of the same document before.
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useGateway } from '../support/gateway.js';

const gw = useGateway({}, { fresh: true });
const document = 'query Q { __typename } mutation M { hangUpCalls(extension: "0003*210") { hungUpIds } }';
const deletes = () => gw.sims.uapi.requests.filter((r) => r.method === 'DELETE').length;

const post = async (operationName: string) => {
  const res = await request(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: document, operationName }),
  });
  return { status: res.statusCode, body: (await res.body.json()) as { data?: Record<string, unknown> } };
};
const get = async (operationName: string) => {
  const query = new URLSearchParams({ query: document, operationName });
  const res = await request(`${gw.url}/graphql?${query}`, { headers: { accept: 'application/graphql-response+json' } });
  return { status: res.statusCode, text: await res.body.text() };
};

describe('the operation that runs', () => {
  it('is the one operationName names, after another operation of the same document ran', async () => {
    const mutation = await post('M');
    expect(mutation.body.data).toHaveProperty('hangUpCalls');
    const query = await get('Q');
    expect(query.status).toBe(200);
    expect(JSON.parse(query.text)).toEqual({ data: { __typename: 'Query' } });
    expect(deletes()).toBe(1);
  });

  it('is never a mutation over GET, even one the same document ran by POST before', async () => {
    await post('M');
    const replay = await get('M');
    expect(replay.status).toBe(405);
    expect(deletes()).toBe(1);
  });

  it('is the query when the query ran first and the mutation is named next', async () => {
    await get('Q');
    const mutation = await post('M');
    expect(mutation.body.data).toHaveProperty('hangUpCalls');
    expect(deletes()).toBe(1);
  });
});
