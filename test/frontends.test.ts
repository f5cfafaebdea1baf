// The clients frontends use, each with its defaults, as the README shows them (test/frontends/*.ts are
// the README's snippets, word for word), against a gateway that requires a bearer token.
import { readdirSync, readFileSync } from 'node:fs';
import { gql } from '@apollo/client';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ACME } from '../src/simulators/demo.js';
import { createApolloClient } from './frontends/apollo-client.js';
import { createRequestClient } from './frontends/graphql-request.js';
import { followOrder } from './frontends/graphql-sse.js';
import { createUrqlClient } from './frontends/urql.js';
import { placeOrder, useGateway } from './support/gateway.js';

const secret = 'frontends-test-signing-key-of-32-chars!';
const gw = useGateway({ AUTH_JWT_SECRET: secret, DISCONNECT_POLL_MS: '50' });
const token = () =>
  new SignJWT({ scope: 'phones:read contacts:read numbers:read' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));
const dashboard = readFileSync(new URL('../bench/operations/dashboard.graphql', import.meta.url), 'utf8');

describe('frontend clients with their defaults', () => {
  it('the README shows each snippet exactly as tested', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const file of readdirSync(new URL('./frontends/', import.meta.url))) {
      expect(readme, file).toContain(readFileSync(new URL(`./frontends/${file}`, import.meta.url), 'utf8').trim());
    }
  });

  it('Apollo Client runs the dashboard query and normalises it with the README type policies', async () => {
    const client = createApolloClient(`${gw.url}/graphql`, await token());
    const { data, error } = await client.query<{ customer: { id: string; phoneNumbers: unknown[] } }>({
      query: gql(dashboard),
      variables: { id: ACME },
    });
    expect(error).toBeUndefined();
    expect(data?.customer.id).toBe(ACME);
    expect(data?.customer.phoneNumbers).toHaveLength(3);
  });

  it('urql runs a query over GET, its default', async () => {
    const client = createUrqlClient(`${gw.url}/graphql`, await token());
    const result = await client.query(dashboard, { id: ACME }).toPromise();
    expect(result.error).toBeUndefined();
    expect(result.data?.customer.id).toBe(ACME);
    expect(result.operation.context.fetchOptions).toBeDefined();
  });

  it('graphql-request runs a query', async () => {
    const data = await createRequestClient(`${gw.url}/graphql`, await token()).request<{ customer: { id: string } }>(dashboard, {
      id: ACME,
    });
    expect(data.customer.id).toBe(ACME);
  });

  it('graphql-sse follows a disconnect order to its final status', async () => {
    placeOrder(gw.sims, 'frontends-order');
    const statuses: string[] = [];
    const following = followOrder(`${gw.url}/graphql`, await token(), 'frontends-order', (status) => statuses.push(status));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await gw.sims.dashboard.advanceOrder('frontends-order');
    await gw.sims.dashboard.advanceOrder('frontends-order');
    await following;
    expect(statuses.at(-1)).toBe('COMPLETE');
  });
});
