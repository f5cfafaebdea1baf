import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useGateway } from '../support/gateway.js';

const open = useGateway();
const closed = useGateway({ GRAPHIQL: 'false', INTROSPECTION: 'false' });

const page = async (url: string) => {
  const res = await request(`${url}/graphql`, { headers: { accept: 'text/html' } });
  return { status: res.statusCode, text: await res.body.text() };
};

describe('GraphiQL and introspection', () => {
  it('serves GraphiQL with the example operations in a browser by default', async () => {
    const res = await page(open.url);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<title>Switchboard</title>');
    expect(res.text).toContain('CustomerDashboard');
  });

  it('serves no GraphiQL with GRAPHIQL=false', async () => {
    const res = await page(closed.url);
    expect(res.text).not.toContain('<title>Switchboard</title>');
  });

  it('tells a browser, with GraphiQL off, that it is off and how to query instead of an empty 406', async () => {
    const res = await page(closed.url);
    expect(res.status).toBe(406);
    expect(res.text).toContain('GraphiQL is off');
    expect(res.text).toContain('POST /graphql');
  });

  it('still answers a GET that carries a query, with GraphiQL off', async () => {
    const res = await request(`${closed.url}/graphql?query=${encodeURIComponent('{__typename}')}`, {
      headers: { accept: 'application/json, text/html' },
    });
    expect(await res.body.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses introspection with INTROSPECTION=false, while a router can still read _service', async () => {
    const introspection = await closed.graphql('{ __schema { queryType { name } } }');
    expect(introspection.errors?.length).toBeGreaterThan(0);
    const service = await closed.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }');
    expect(service.data?._service.sdl).toContain('type Customer');
  });

  it('answers introspection by default', async () => {
    const res = await open.graphql<{ __schema: { queryType: { name: string } } }>('{ __schema { queryType { name } } }');
    expect(res.data?.__schema.queryType.name).toBe('Query');
  });
});
