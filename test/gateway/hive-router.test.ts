// Switchboard composed with a second subgraph, behind Hive Gateway (the router the teams who would pick
// Switchboard run), with no plugin on the router: queries across both subgraphs, the entity join on
// Customer, and a subscription, which Hive Gateway forwards as a GET asking for an event stream.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway-runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { composeWithLoyalty, type Supergraph } from '../support/federation.js';
import { placeOrder, subscribe, useGateway } from '../support/gateway.js';

const switchboard = useGateway({ DISCONNECT_POLL_MS: '50' });
let supergraph: Supergraph;
let hive: GatewayRuntime;
let router: Server;
let routerUrl: string;

beforeAll(async () => {
  supergraph = await composeWithLoyalty(switchboard);
  hive = createGatewayRuntime({ supergraph: supergraph.sdl, logging: false });
  router = createServer(hive);
  await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
  routerUrl = `http://127.0.0.1:${(router.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await hive?.dispose();
  await new Promise((resolve) => router?.close(resolve));
  await supergraph?.close();
});

const query = async (text: string) => {
  const res = await fetch(`${routerUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: text }),
  });
  return (await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: Record<string, unknown> }[] };
};

describe('federation under Hive Gateway', () => {
  it('answers one operation with a field from each subgraph', async () => {
    const res = await query(`{ customer(id: "${ACME}") { id loyaltyTier primaryPhoneNumber { e164 } } }`);
    expect(res).toEqual({ data: { customer: { id: ACME, loyaltyTier: 'GOLD', primaryPhoneNumber: { e164: '+18283334444' } } } });
  });

  it("joins the other subgraph's customers to Switchboard's fields through _entities", async () => {
    const res = await query('{ topCustomers { id loyaltyTier phoneNumbers { e164 } } }');
    expect(res.data?.topCustomers).toEqual([
      { id: ACME, loyaltyTier: 'GOLD', phoneNumbers: [{ e164: '+18283334444' }, { e164: '+19192302749' }, { e164: '+18285550199' }] },
      { id: KIWI, loyaltyTier: 'SILVER', phoneNumbers: [{ e164: '+6492645555' }] },
    ]);
  });

  it("passes Switchboard's error codes through", async () => {
    const res = await query('{ carrierNumber(number: "not a number") { id } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('streams a subscription through the router to its final status', async () => {
    placeOrder(switchboard.sims, 'hive-order');
    const events = await subscribe<{ disconnectOrder: { status: string } | null }, object>(
      { url: routerUrl, secrets: [] },
      'subscription { disconnectOrder(id: "hive-order") { status } }',
      {},
      async (_, index) => {
        if (index < 2) await switchboard.sims.dashboard.advanceOrder('hive-order');
      },
    );
    expect(events.map((e) => e.errors ?? e.data?.disconnectOrder?.status)).toEqual(['RECEIVED', 'PROCESSING', 'COMPLETE']);
  });
});
