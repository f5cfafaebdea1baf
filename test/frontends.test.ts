// The clients frontends use, each with its defaults, as docs/frontends.md shows them (test/frontends/*.ts
// are its snippets, word for word), against a gateway that requires a bearer token.
import { readdirSync, readFileSync } from 'node:fs';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { gql } from '@apollo/client';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { scopes } from '../src/auth.js';
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

const writer = () =>
  new SignJWT({ scope: scopes.join(' '), sub: 'frontend' })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(secret));

/** A TCP proxy to the gateway that, once armed, drops the connection as the gateway's next answer arrives: a lost response. */
async function lossyProxy(target: string) {
  const { port } = new URL(target);
  let drop = false;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(Number(port), '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    }
    client.pipe(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    if (!drop) {
      upstream.pipe(client);
      return;
    }
    drop = false;
    upstream.once('data', () => {
      client.destroy();
      upstream.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    dropNextAnswer: () => {
      drop = true;
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

const hangUp = 'mutation { hangUpCalls(extension: "0003*210") { hungUpIds } }';
const hangUps = () => gw.sims.uapi.requests.filter((r) => r.method === 'DELETE').length;

describe('frontend clients with their defaults', () => {
  it('docs/frontends.md shows each snippet exactly as tested', () => {
    const readme = readFileSync(new URL('../docs/frontends.md', import.meta.url), 'utf8');
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

  it('graphql-sse rejects, naming NOT_FOUND, when the order does not exist', async () => {
    await expect(followOrder(`${gw.url}/graphql`, await token(), 'no-such-order', () => {})).rejects.toThrow(/NOT_FOUND/);
  });

  it('graphql-sse rejects, naming FORBIDDEN, when the token lacks numbers:read', async () => {
    placeOrder(gw.sims, 'frontends-forbidden-order');
    const phonesOnly = await new SignJWT({ scope: 'phones:read' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(secret));
    await expect(followOrder(`${gw.url}/graphql`, phonesOnly, 'frontends-forbidden-order', () => {})).rejects.toThrow(/FORBIDDEN/);
  });

  it('Apollo Client retries a mutation whose answer was lost, with one Idempotency-Key, and the call is hung up once', async () => {
    const proxy = await lossyProxy(gw.url);
    try {
      const client = createApolloClient(proxy.url, await writer());
      proxy.dropNextAnswer();
      const { data, error } = await client.mutate<{ hangUpCalls: { hungUpIds: string[] } }>({ mutation: gql(hangUp) });
      expect(error).toBeUndefined();
      expect(data?.hangUpCalls).toBeDefined();
      expect(hangUps()).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('urql retries a mutation whose answer was lost, with one Idempotency-Key, and the call is hung up once', async () => {
    const proxy = await lossyProxy(gw.url);
    try {
      const client = createUrqlClient(proxy.url, await writer());
      proxy.dropNextAnswer();
      const result = await client.mutation(hangUp, {}).toPromise();
      expect(result.error).toBeUndefined();
      expect(result.data?.hangUpCalls).toBeDefined();
      expect(hangUps()).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
