// Switchboard composed with a second subgraph by Apollo's own composition, behind Apollo's own router.
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { composeWithLoyalty, type Supergraph } from '../support/federation.js';
import { useGateway } from '../support/gateway.js';

const switchboard = useGateway();
let supergraph: Supergraph;
let router: ApolloServer;
let routerUrl: string;

beforeAll(async () => {
  supergraph = await composeWithLoyalty(switchboard);
  router = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: supergraph.sdl }) });
  routerUrl = (await startStandaloneServer(router, { listen: { port: 0, host: '127.0.0.1' } })).url;
});
afterAll(async () => {
  await router?.stop();
  await supergraph?.close();
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
