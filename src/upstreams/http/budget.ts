// One call's time budget (UPSTREAM_TIMEOUT_MS), retries and back-off included: when it runs out, the
// attempt in flight is aborted, and no retry starts that would be left too little of it.

/** The time one more attempt needs at the least; a retry that would leave less is not made. */
export const minAttemptMs = 20;

/** Exponential back-off with jitter after the given attempt: 25–50 ms, then 50–100 ms, … up to 1 s. */
export function backoffMs(attempt: number): number {
  const ceiling = Math.min(1_000, 50 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/**
 * What runs under a budget: stopped when the budget runs out. An object the attempt already is, not a closure
 * made for it: a closure outlived its call in the collector's eyes (see SharedRead's Waiter) and kept the
 * call's answer with it.
 */
export interface InFlight {
  stop(): void;
}

export class Budget {
  aborted = false;
  /** The attempt in flight; undefined between attempts. */
  inFlight: InFlight | undefined;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly deadline: number;

  /** A budget of `ms`, or with no deadline of its own (undefined): then only `abort` ends it. */
  constructor(ms: number | undefined) {
    this.deadline = ms === undefined ? Number.POSITIVE_INFINITY : performance.now() + ms;
    this.timer = ms === undefined ? undefined : setTimeout(() => this.abort(), ms);
  }

  /** Ends the budget now, stopping the attempt in flight. */
  abort(): void {
    clearTimeout(this.timer);
    this.aborted = true;
    this.inFlight?.stop();
  }

  remainingMs(): number {
    return this.deadline - performance.now();
  }

  end(): void {
    clearTimeout(this.timer);
    this.inFlight = undefined;
  }
}
