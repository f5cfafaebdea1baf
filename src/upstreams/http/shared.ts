// What every request's view of one upstream shares, built once per upstream: its keep-alive pool, base
// path, credential headers, error dialect, redaction, answer limit, observers, circuit breaker and retries.
import type { Logger } from 'pino';
import { Pool } from 'undici';
import type { GatewayMetrics } from '../../metrics.js';
import type { AttemptParts } from './attempt.js';
import { ReadsInFlight } from './coalesce.js';
import type { ReadFailure } from './errors.js';
import { defaultResilience, type ResiliencePolicy, UpstreamBreaker } from './resilience.js';

export interface UpstreamHttpOptions {
  upstream: string;
  baseUrl: string;
  /** One budget for a whole call, retries and back-off included. */
  timeoutMs: number;
  /** Headers sent on every request, usually the credentials. Never logged, never put into errors. */
  headers: Record<string, string>;
  /** The upstream's error dialect: what its failed answers' bodies say. */
  readFailure?: ReadFailure | undefined;
  /** Removes the gateway's credentials from an answer's text before anything reads it. */
  redact?: ((text: string) => string) | undefined;
  /** The largest answer read; a longer one is cut off there and is UPSTREAM_BAD_RESPONSE. */
  maxBodyBytes?: number | undefined;
  /** Join an identical read already in flight instead of sending it again (default). */
  coalesce?: boolean | undefined;
  connections?: number;
  logger?: Logger | undefined;
  resilience?: ResiliencePolicy;
  metrics?: GatewayMetrics['upstreamDuration'] | undefined;
}

/** What every request's view of an upstream shares: built once per upstream (see forRequest). */
export interface SharedParts extends AttemptParts {
  timeoutMs: number;
  readFailure: ReadFailure | undefined;
  breaker: UpstreamBreaker;
  /** Retries after a call's first attempt, for a failure marked for one (markRetry). */
  retries: number;
}

const asSent = (text: string) => text;

export function sharedParts(options: UpstreamHttpOptions): SharedParts {
  const url = new URL(options.baseUrl);
  const pool = new Pool(url.origin, {
    connections: options.connections ?? 128,
    keepAliveTimeout: 30_000,
    connect: { timeout: options.timeoutMs },
  });
  const maxBodyBytes = options.maxBodyBytes ?? 5 * 1024 * 1024;
  const resilience = options.resilience ?? defaultResilience;
  return {
    upstream: options.upstream,
    pool,
    inFlight: options.coalesce === false ? undefined : new ReadsInFlight(pool, maxBodyBytes),
    prefix: url.pathname.replace(/\/+$/, ''),
    timeoutMs: options.timeoutMs,
    headers: { accept: 'application/json, application/xml;q=0.9, */*;q=0.1', ...options.headers },
    observers: { logger: options.logger, metrics: options.metrics },
    readFailure: options.readFailure,
    redact: options.redact ?? asSent,
    maxBodyBytes,
    breaker: new UpstreamBreaker(options.upstream, resilience, options.logger),
    retries: resilience.retries,
  };
}
