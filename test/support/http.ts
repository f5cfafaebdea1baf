// Test helpers for the upstream clients: a client's HTTP layer pointed at a running simulator.
import type { UpstreamName } from '../../src/config.js';
import { UpstreamError } from '../../src/errors.js';
import { UpstreamHttp } from '../../src/upstreams/http.js';

export function httpFor(upstream: UpstreamName, url: string, headers: Record<string, string>, timeoutMs = 1000): UpstreamHttp {
  return new UpstreamHttp({ upstream, baseUrl: url, timeoutMs, headers });
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
