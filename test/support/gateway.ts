// A whole gateway for end-to-end tests: simulators on port 0, the gateway on port 0, and helpers
// to send GraphQL over HTTP and count what each upstream received.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { type GraphQLFormattedError, print } from 'graphql';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { sseEvents } from '../../scripts/sse.js';
import { loadConfig } from '../../src/config.js';
import { type Gateway, startGateway } from '../../src/gateway.js';
import type { Simulators } from '../../src/simulators/index.js';
import { type UpstreamName, upstreamNames } from '../../src/upstreams/registry.js';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: (GraphQLFormattedError & { extensions?: Record<string, unknown> })[];
}

export interface TestGateway {
  url: string;
  /** The configured secrets, which no response may contain. */
  secrets: readonly string[];
  gateway: Gateway;
  sims: Simulators;
  graphql<T = Record<string, unknown>, V = Record<string, unknown>>(
    document: TypedDocumentNode<T, V> | string,
    variables?: V,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Requests each upstream's simulator received since the last reset. */
  calls(upstream: UpstreamName): number;
  /** Requests all the simulators received since the last reset. */
  totalCalls(): number;
  resetCalls(): void;
  close(): Promise<void>;
}

export async function startTestGateway(
  env: Record<string, string> = {},
  simulators: NonNullable<Parameters<typeof startGateway>[0]['simulators']> = {},
  options: Pick<Parameters<typeof startGateway>[0], 'loopLoad'> = {},
): Promise<TestGateway> {
  // The breaker is out of the way unless a test sets CIRCUIT_BREAKER_THRESHOLD to test it.
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', UPSTREAM_TIMEOUT_MS: '1000', CIRCUIT_BREAKER_THRESHOLD: '1000', ...env });
  const gateway = await startGateway({ config, simulators: { orderStepMs: 'manual', ...simulators }, ...options });
  const sims = gateway.simulators as Simulators;
  return {
    url: gateway.url,
    secrets: config.secrets,
    gateway,
    sims,
    async graphql(document, variables, headers = {}) {
      const query = typeof document === 'string' ? document : print(document);
      const res = await request(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await res.body.text();
      assertNoSecrets(text, config.secrets);
      return { status: res.statusCode, ...(JSON.parse(text) as object) };
    },
    calls: (upstream) => sims[upstream].requests.length,
    totalCalls: () => upstreamNames.reduce((n, name) => n + sims[name].requests.length, 0),
    resetCalls: () => {
      for (const name of upstreamNames) sims[name].resetRequests();
    },
    close: () => gateway.close(),
  };
}

/** Fails when any configured secret appears in a text the gateway sent back (every response in these suites passes through it). */
export function assertNoSecrets(text: string, secrets: readonly string[]): void {
  const leaked = secrets.filter((secret) => text.includes(secret));
  if (leaked.length > 0) throw new Error(`a configured secret leaked into a response (${leaked.length} of them)`);
}

/** The error codes of a response, in order. */
export const codes = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((e) => e.extensions?.code);

/** Subscribes over Server-Sent Events and collects every `next` payload until the stream completes. */
export async function subscribe<T, V>(
  gateway: Pick<TestGateway, 'url' | 'secrets'>,
  document: TypedDocumentNode<T, V> | string,
  variables: V,
  onEvent?: (payload: GraphQLResponse<T>, index: number) => void | Promise<void>,
): Promise<GraphQLResponse<T>[]> {
  const query = typeof document === 'string' ? document : print(document);
  const res = await request(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query, variables }),
  });
  const events: GraphQLResponse<T>[] = [];
  for await (const { event, data } of sseEvents(res.body)) {
    if (event === 'complete') return events;
    if (event !== 'next' || !data) continue;
    assertNoSecrets(data, gateway.secrets);
    const payload = { status: res.statusCode, ...(JSON.parse(data) as object) } as GraphQLResponse<T>;
    events.push(payload);
    await onEvent?.(payload, events.length - 1);
  }
  return events;
}

/**
 * A gateway for a test file: one for the whole file (faults and counts cleared before each test),
 * or afresh for each test when `fresh` (tests whose mutations change the simulators' state).
 */
export function useGateway(
  env: Record<string, string> = {},
  { fresh = false, simulators = {} }: { fresh?: boolean; simulators?: Parameters<typeof startTestGateway>[1] } = {},
): TestGateway {
  let current: TestGateway | undefined;
  const get = () => {
    if (!current) throw new Error('the test gateway has not started');
    return current;
  };
  const start = async () => {
    current = await startTestGateway(env, simulators);
  };
  const stop = async () => {
    await current?.close();
  };
  if (fresh) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
    beforeEach(() => {
      for (const sim of Object.values(get().sims)) sim.clearFaults();
      get().resetCalls();
    });
  }
  return {
    get url() {
      return get().url;
    },
    get secrets() {
      return get().secrets;
    },
    get gateway() {
      return get().gateway;
    },
    get sims() {
      return get().sims;
    },
    graphql: (document, variables, headers) => get().graphql(document, variables, headers),
    calls: (upstream) => get().calls(upstream),
    totalCalls: () => get().totalCalls(),
    resetCalls: () => get().resetCalls(),
    close: () => get().close(),
  };
}

/** Puts an order of one number (8285550142) straight into the Dashboard simulator, as if filed earlier. */
export function placeOrder(
  sims: Pick<Simulators, 'dashboard'>,
  id: string,
  status: 'RECEIVED' | 'PROCESSING' | 'COMPLETE' = 'RECEIVED',
): void {
  sims.dashboard.state.orders.set(id, {
    id,
    requestId: `r-${id}`,
    name: '',
    createdAt: '2026-12-01T00:00:00Z',
    numbers: ['8285550142'],
    disconnected: status === 'COMPLETE' ? ['8285550142'] : [],
    status,
  });
}
