// Switchboard composed with a second subgraph by Apollo's own composition, behind Apollo's own router.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { useGateway } from '../support/gateway.js';

/** A small subgraph that extends Customer with a loyalty tier. */
const loyaltyTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Customer @key(fields: "id") {
    id: ID!
    loyaltyTier: String
  }
`);
const tiers: Record<string, string> = { [ACME]: 'GOLD', [KIWI]: 'SILVER' };

const switchboard = useGateway();
let loyalty: Server;
let router: ApolloServer;
let routerUrl: string;

beforeAll(async () => {
  const loyaltySchema = buildSubgraphSchema({
    typeDefs: loyaltyTypeDefs,
    resolvers: { Customer: { __resolveReference: ({ id }: { id: string }) => ({ id, loyaltyTier: tiers[id] ?? null }) } },
  });
  loyalty = createServer(createYoga({ schema: loyaltySchema, logging: false }));
  await new Promise<void>((resolve) => loyalty.listen(0, '127.0.0.1', resolve));
  const loyaltyUrl = `http://127.0.0.1:${(loyalty.address() as AddressInfo).port}/graphql`;

  const sdl = (await switchboard.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }')).data?._service.sdl as string;
  const composed = composeServices([
    { name: 'switchboard', typeDefs: parse(sdl), url: `${switchboard.url}/graphql` },
    { name: 'loyalty', typeDefs: loyaltyTypeDefs, url: loyaltyUrl },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));

  router = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl }) });
  routerUrl = (await startStandaloneServer(router, { listen: { port: 0, host: '127.0.0.1' } })).url;
});
afterAll(async () => {
  await router?.stop();
  await new Promise((resolve) => loyalty?.close(resolve));
});

describe('federation under a real router', () => {
  it('answers one Customer with fields from both subgraphs', async () => {
    const res = await fetch(routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ customer(id: "${ACME}") { id loyaltyTier primaryPhoneNumber { e164 } contacts { totalElements } } }`,
      }),
    });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({
      customer: { id: ACME, loyaltyTier: 'GOLD', primaryPhoneNumber: { e164: '+18283334444' }, contacts: { totalElements: 4 } },
    });
  });

  it('resolves a list of customers across both subgraphs, each loaded once from the upstreams', async () => {
    const res = await fetch(routerUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ customers(ids: ["${ACME}", "${KIWI}", "${ACME}"]) { loyaltyTier phoneNumbers { e164 } } }` }),
    });
    const body = (await res.json()) as { data?: { customers: { loyaltyTier: string }[] } };
    expect(body.data?.customers.map((c) => c.loyaltyTier)).toEqual(['GOLD', 'SILVER', 'GOLD']);
    expect(switchboard.calls('phoneNumbers')).toBe(2);
  });
});
