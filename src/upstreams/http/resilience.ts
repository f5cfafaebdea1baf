// Which failures are tried again, and when an upstream is left alone: retries (reads on outages, writes
// only when they certainly never left) and a circuit breaker per upstream (cockatiel's).
import { type CircuitBreakerPolicy, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhen, isBrokenCircuitError } from 'cockatiel';
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

/**
 * One upstream's circuit breaker: cockatiel's policy (consecutive outages open it; after a while one probe
 * is let through) and its counter. Retries are not a cockatiel policy: whether and when a failure is tried
 * again is decided where it happens (markRetry) and carried on the error, so all a retry policy would add is
 * a loop (UpstreamHttp.callOnce), and two async layers and 1 KB of garbage to every call.
 */
export class UpstreamBreaker {
  private readonly counter: ConsecutiveBreaker;
  private readonly policy: CircuitBreakerPolicy;

  constructor(upstream: string, resilience: ResiliencePolicy, logger: Logger | undefined) {
    this.counter = new ConsecutiveBreaker(resilience.breakerThreshold);
    this.policy = circuitBreaker(handleWhen(isOutage), { halfOpenAfter: resilience.breakerHalfOpenMs, breaker: this.counter });
    this.policy.onStateChange((state) => logger?.warn({ upstream, circuit: CircuitState[state] }, 'upstream circuit changed'));
  }

  /**
   * Runs one attempt under the circuit. While it is closed, as it nearly always is, the attempt runs as it is
   * and only its outcome is told to the policy: a success to the counter, a failure through the policy, which
   * counts an outage and opens the circuit at the threshold. (Run through the policy, every call would pay two
   * async layers and four promises more.) Open or probing, the policy runs it: it fails fast, or lets the
   * probe through.
   */
  run<T>(attempt: () => Promise<T>): Promise<T> {
    if (this.policy.state !== CircuitState.Closed) return this.policy.execute(attempt);
    return attempt().then(
      (value) => {
        this.counter.success();
        return value;
      },
      (error: unknown) => this.failed(error),
    );
  }

  private async failed(error: unknown): Promise<never> {
    // Opened meanwhile by other calls, the circuit has this outage's news already; probing, it would hold the
    // failure until the probe is done.
    if (this.policy.state === CircuitState.Closed) await this.policy.execute(() => Promise.reject(error)).catch(() => undefined);
    throw error;
  }
}

/** The wait before the next attempt when a failed one was marked for a retry and retries are left; undefined: no retry. */
export function retryWait(error: unknown, attempt: number, retries: number): number | undefined {
  return error instanceof UpstreamError && attempt <= retries ? error.retryInMs : undefined;
}

/** The error for a call refused by an open circuit, or undefined for any other failure. */
export function circuitOpen(upstream: string, error: unknown): UpstreamError | undefined {
  if (!isBrokenCircuitError(error)) return undefined;
  return new UpstreamError('UPSTREAM_UNAVAILABLE', upstream, `${upstream} is failing; calls are paused while its circuit is open`, {
    requestSent: false,
    extensions: { circuitOpen: true },
  });
}
