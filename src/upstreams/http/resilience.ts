// Which failures are tried again, and when an upstream is left alone: retries (reads on outages, writes
// only when they certainly never left) and a circuit breaker per upstream, both cockatiel's.
import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  type IPolicy,
  type IRetryBackoffContext,
  isBrokenCircuitError,
  retry,
  wrap,
} from 'cockatiel';
import type { Logger } from 'pino';
import { UpstreamError } from '../../errors.js';
import { type Budget, backoffMs, minAttemptMs } from './budget.js';

export interface ResiliencePolicy {
  /** Retries after the first attempt, for reads (and for writes that certainly were not sent). */
  retries: number;
  /** Consecutive outages (unavailable or timed out) that open the circuit. */
  breakerThreshold: number;
  /** How long an open circuit fails fast before one probe is let through. */
  breakerHalfOpenMs: number;
}

export const defaultResilience: ResiliencePolicy = { retries: 2, breakerThreshold: 5, breakerHalfOpenMs: 10_000 };

const retryableStatuses = new Set([429, 502, 503, 504]);

/** May this failure be tried again? Reads on outages; writes only when they certainly never left. */
export function isRetryable(error: unknown, method: string): boolean {
  if (!(error instanceof UpstreamError) || error.code !== 'UPSTREAM_UNAVAILABLE') return false;
  if (error.extensions.circuitOpen) return false;
  if (method !== 'GET') return !error.requestSent;
  return error.status === undefined || retryableStatuses.has(error.status) || error.upstreamCode === 'GLOBAL_1001';
}

/** Failures that say the upstream is down, as opposed to refusing this request; they feed the circuit breaker. */
const isOutage = (error: unknown) =>
  error instanceof UpstreamError &&
  (error.code === 'UPSTREAM_TIMEOUT' || (error.code === 'UPSTREAM_UNAVAILABLE' && !error.extensions.circuitOpen));

/**
 * Marks a failed attempt for a retry when `isRetryable` allows it and the budget leaves time for another
 * attempt after the wait (the upstream's Retry-After, or back-off with jitter); otherwise the failure is
 * reported now, as itself, rather than later as a timeout.
 */
export function markRetry(error: unknown, method: string, attempt: number, budget: Budget): void {
  if (!(error instanceof UpstreamError) || !isRetryable(error, method)) return;
  const wait = error.retryAfterMs ?? backoffMs(attempt);
  if (wait + minAttemptMs < budget.remainingMs()) error.retryInMs = wait;
}

/** One upstream's retry policy around its circuit breaker: what runs each call's attempts. */
export function resiliencePolicies(upstream: string, resilience: ResiliencePolicy, logger: Logger | undefined): IPolicy {
  const breaker = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: resilience.breakerHalfOpenMs,
    breaker: new ConsecutiveBreaker(resilience.breakerThreshold),
  });
  breaker.onStateChange((state) => logger?.warn({ upstream, circuit: CircuitState[state] }, 'upstream circuit changed'));
  // Whether a failure may be retried (method, budget left) is decided where it happens and carried on the error.
  const retryPolicy = retry(
    handleWhen((error) => error instanceof UpstreamError && error.retryInMs !== undefined),
    {
      maxAttempts: resilience.retries,
      backoff: new DelegateBackoff<IRetryBackoffContext<unknown>>((context) =>
        'error' in context.result && context.result.error instanceof UpstreamError ? (context.result.error.retryInMs ?? 0) : 0,
      ),
    },
  );
  return wrap(retryPolicy, breaker);
}

/** The error for a call refused by an open circuit, or undefined for any other failure. */
export function circuitOpen(upstream: string, error: unknown): UpstreamError | undefined {
  if (!isBrokenCircuitError(error)) return undefined;
  return new UpstreamError('UPSTREAM_UNAVAILABLE', upstream, `${upstream} is failing; calls are paused while its circuit is open`, {
    requestSent: false,
    extensions: { circuitOpen: true },
  });
}
