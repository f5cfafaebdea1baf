// A second subgraph for the router tests: it extends Customer with a loyalty tier and lists top
// customers, so a router must join it to Switchboard's fields through _entities.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import type { TestGateway } from './gateway.js';

const loyaltyTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key"])
  type Customer @key(fields: "id") {
    id: ID!
    loyaltyTier: String
  }
  type Query { topCustomers: [Customer!]! }
`);
const tiers: Record<string, string> = { [ACME]: 'GOLD', [KIWI]: 'SILVER' };
const withTier = (id: string) => ({ id, loyaltyTier: tiers[id] ?? null });

export interface Supergraph {
  /** The composed supergraph SDL, routing to Switchboard and the loyalty subgraph. */
  sdl: string;
  close(): Promise<void>;
}

/** Starts the loyalty subgraph on port 0 and composes it with Switchboard's own SDL. */
export async function composeWithLoyalty(switchboard: Pick<TestGateway, 'url' | 'graphql'>): Promise<Supergraph> {
  const schema = buildSubgraphSchema({
    typeDefs: loyaltyTypeDefs,
    resolvers: {
      Query: { topCustomers: () => [ACME, KIWI].map(withTier) },
      Customer: { __resolveReference: ({ id }: { id: string }) => withTier(id) },
    },
  });
  const loyalty: Server = createServer(createYoga({ schema, logging: false }));
  await new Promise<void>((resolve) => loyalty.listen(0, '127.0.0.1', resolve));
  const sdl = (await switchboard.graphql<{ _service: { sdl: string } }>('{ _service { sdl } }')).data?._service.sdl as string;
  const composed = composeServices([
    { name: 'switchboard', typeDefs: parse(sdl), url: `${switchboard.url}/graphql` },
    { name: 'loyalty', typeDefs: loyaltyTypeDefs, url: `http://127.0.0.1:${(loyalty.address() as AddressInfo).port}/graphql` },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  return { sdl: composed.supergraphSdl as string, close: () => new Promise((resolve) => loyalty.close(() => resolve())) };
}
