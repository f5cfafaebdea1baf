// Test helpers for the upstream clients: a client's HTTP layer pointed at a running simulator.
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import type { SimulatorServer } from '../../src/simulators/server.js';
import { defaultResilience, type ResiliencePolicy } from '../../src/upstreams/http/resilience.js';
import { UpstreamHttp } from '../../src/upstreams/http/transport.js';
import { descriptors, type UpstreamName } from '../../src/upstreams/registry.js';

/** A client's HTTP layer, with its upstream's error dialect; the circuit breaker is out of the way unless a test sets `resilience`. */
export function httpFor(
  upstream: UpstreamName,
  url: string,
  headers: Record<string, string>,
  timeoutMs = 1000,
  resilience: ResiliencePolicy = { ...defaultResilience, breakerThreshold: 1000 },
): UpstreamHttp {
  const readFailure = descriptors.find((d) => d.name === upstream)?.readFailure;
  return new UpstreamHttp({ upstream, baseUrl: url, timeoutMs, headers, resilience, readFailure });
}

/** The UpstreamError a promise rejects with; fails the test if it resolves or rejects with anything else. */
export async function upstreamFailure(promise: Promise<unknown>): Promise<UpstreamError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw new Error(`expected an UpstreamError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export interface UpstreamUnderTest<S, C> {
  readonly sim: S;
  readonly client: C;
  /** The client's HTTP layer (no request: no memo). */
  readonly http: UpstreamHttp;
}

/**
 * Starts a simulator and a client of it for a test file: once for the file (faults and recorded
 * requests cleared after each test), or afresh for each test when `fresh` (tests that change state).
 */
export function useUpstream<S extends SimulatorServer, C>(options: {
  upstream: UpstreamName;
  start: () => Promise<S>;
  headers: Record<string, string>;
  client: (http: UpstreamHttp) => C;
  fresh?: boolean;
  timeoutMs?: number;
  /**
   * Retries are the transport's, tested once (transport.test.ts); a client's own tests see each
   * fault on its first attempt, so no back-off races their short budgets on a loaded machine.
   */
  retries?: number;
}): UpstreamUnderTest<S, C> {
  let current: { sim: S; http: UpstreamHttp; client: C } | undefined;
  const start = async () => {
    const sim = await options.start();
    const http = httpFor(options.upstream, sim.url, options.headers, options.timeoutMs ?? 300, {
      ...defaultResilience,
      retries: options.retries ?? 0,
      breakerThreshold: 1000,
    });
    current = { sim, http, client: options.client(http) };
  };
  const stop = async () => {
    await current?.http.close();
    await current?.sim.close();
  };
  const get = () => {
    if (!current) throw new Error('the upstream under test has not started');
    return current;
  };
  if (options.fresh) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
    afterEach(() => {
      get().sim.clearFaults();
      get().sim.resetRequests();
    });
  }
  return {
    get sim() {
      return get().sim;
    },
    get client() {
      return get().client;
    },
    get http() {
      return get().http;
    },
  };
}
