// Admission under CPU pressure. When the event loop is saturated, every operation started shares it
// with all the others, so each lives longer, and what it holds meanwhile outlives the young
// generation and is promoted: the collector then costs more than the work. So while the loop is busy
// nearly all the time, an operation beyond the limit waits
// in a queue, first come first served, until one in flight finishes. The limit falls while the loop
// stays saturated and rises as soon as it has time to spare; while the loop is not saturated there is
// none. An operation waiting on a slow upstream leaves the loop idle, so it never holds others back.
import { performance } from 'node:perf_hooks';

export interface AdmissionOptions {
  /** Fewest operations let through at once, however saturated the loop. */
  minConcurrency: number;
  /** Most operations that may wait; beyond it an operation is refused at once (OVERLOADED). */
  maxQueue: number;
  /** How often the loop's utilisation is read and the limit adjusted. */
  intervalMs?: number;
  /** The share of the time since its last call the event loop was busy (0 to 1); tests set it. */
  utilization?: () => number;
}

export interface AdmissionState {
  executing: number;
  waiting: number;
  /** Infinity while the loop is not saturated. */
  limit: number;
  /** Operations that have had to wait, and that were refused, since the start. */
  waited: number;
  refused: number;
}

export class OverloadedError extends Error {
  override name = 'OverloadedError';
}

const saturated = 0.95;
const spare = 0.85;

function eventLoopUtilization(): () => number {
  let last = performance.eventLoopUtilization();
  return () => {
    const now = performance.eventLoopUtilization();
    const { utilization } = performance.eventLoopUtilization(now, last);
    last = now;
    return utilization;
  };
}

export class Admission {
  private executing = 0;
  private limit = Number.POSITIVE_INFINITY;
  private waited = 0;
  private refused = 0;
  private readonly queue: (() => void)[] = [];
  private readonly utilization: () => number;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: AdmissionOptions) {
    this.utilization = options.utilization ?? eventLoopUtilization();
    this.timer = setInterval(() => this.adjust(), options.intervalMs ?? 100);
    this.timer.unref();
  }

  get state(): AdmissionState {
    return { executing: this.executing, waiting: this.queue.length, limit: this.limit, waited: this.waited, refused: this.refused };
  }

  /** Undefined when the operation may run now; else a promise of its turn, rejected with OverloadedError when the queue is full. */
  enter(): Promise<void> | undefined {
    if (this.executing < this.limit) {
      this.executing += 1;
      return undefined;
    }
    if (this.queue.length >= this.options.maxQueue) {
      this.refused += 1;
      return Promise.reject(new OverloadedError(`${this.queue.length} operations are already waiting to run`));
    }
    this.waited += 1;
    return new Promise((resolve) => this.queue.push(resolve));
  }

  /** An operation let in has finished: the next one waiting, if any, takes its place. */
  leave(): void {
    this.executing -= 1;
    this.admit();
  }

  /** Stops measuring and lets everything waiting run (on shutdown, so the drain can finish them). */
  close(): void {
    clearInterval(this.timer);
    this.limit = Number.POSITIVE_INFINITY;
    this.admit();
  }

  /** Reads the loop's utilisation since the last adjustment and moves the limit; runs every intervalMs. */
  adjust(): void {
    const utilization = this.utilization();
    if (utilization >= saturated) {
      this.limit = Math.max(this.options.minConcurrency, Math.floor(Math.min(this.limit, this.executing) * 0.75));
    } else if (utilization < spare) {
      // With nobody waiting the limit lifts altogether; else it doubles each interval.
      this.limit = this.queue.length === 0 ? Number.POSITIVE_INFINITY : Math.max(this.limit, this.executing) * 2;
    }
    this.admit();
  }

  private admit(): void {
    while (this.executing < this.limit && this.queue.length > 0) {
      this.executing += 1;
      this.queue.shift()?.();
    }
  }
}
