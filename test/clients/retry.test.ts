import { describe, expect, it } from 'vitest';
import { UpstreamError } from '../../src/errors.js';
import { retryAfterMs } from '../../src/upstreams/http/errors.js';
import { isRetryable } from '../../src/upstreams/http/resilience.js';

const unavailable = (details: ConstructorParameters<typeof UpstreamError>[3]) =>
  new UpstreamError('UPSTREAM_UNAVAILABLE', 'dashboard', 'down', details);

describe('what may be tried again', () => {
  it('retries a read on a reset connection, 429, 502, 503, 504 and GLOBAL_1001', () => {
    expect(isRetryable(unavailable({}), 'GET')).toBe(true);
    for (const status of [429, 502, 503, 504]) expect(isRetryable(unavailable({ status }), 'GET')).toBe(true);
    expect(isRetryable(unavailable({ status: 200, upstreamCode: 'GLOBAL_1001' }), 'GET')).toBe(true);
  });

  it('does not retry a read on 500 or on a refusal of the input', () => {
    expect(isRetryable(unavailable({ status: 500 }), 'GET')).toBe(false);
    expect(isRetryable(new UpstreamError('BAD_USER_INPUT', 'dashboard', 'no', { status: 400 }), 'GET')).toBe(false);
  });

  it('retries a write only when it certainly never reached the upstream', () => {
    expect(isRetryable(unavailable({ requestSent: false }), 'POST')).toBe(true);
    expect(isRetryable(unavailable({}), 'POST')).toBe(false);
    expect(isRetryable(unavailable({ status: 503 }), 'DELETE')).toBe(false);
  });

  it('never retries into an open circuit', () => {
    expect(isRetryable(unavailable({ requestSent: false, extensions: { circuitOpen: true } }), 'GET')).toBe(false);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs({ 'retry-after': '2' })).toBe(2000);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterMs({ 'retry-after': inAMinute })).toBeGreaterThan(50_000);
    expect(retryAfterMs({})).toBeUndefined();
  });
});
