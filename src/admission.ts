// Admission under CPU pressure. When the event loop is saturated, every operation started shares it
// with all the others, so each lives longer, and what it holds meanwhile outlives the young
// generation and is promoted: the collector then costs more than the work. So while the loop is busy
// nearly all the time and the collector takes a large share of it, an operation beyond the limit
// waits in a queue, first come first served, until one in flight finishes. The limit falls while
// both hold and rises as soon as the loop has time to spare or the collector is cheap again; while
// they do not hold there is none. A saturated loop whose collector is cheap gains nothing from
// holding operations back: it would only leave the loop idle between their turns. An operation
// waiting on a slow upstream leaves the loop idle, so it never holds others back.
import { PerformanceObserver, performance } from 'node:perf_hooks';

export interface AdmissionOptions {
  /** Fewest operations let through at once, however saturated the loop. */
  minConcurrency: number;
  /** Most operations that may wait; beyond it an operation is refused at once (OVERLOADED). */
  maxQueue: number;
  /** How often the loop's load is read and the limit adjusted. */
  intervalMs?: number;
  /** How busy the event loop was since the last call; tests set it. */
  load?: () => LoopLoad;
}

/** Shares (0 to 1) of the time since the last reading. */
export interface LoopLoad {
  /** The event loop was busy (its utilisation). */
  busy: number;
  /** The garbage collector paused the event loop. */
  collecting: number;
}

export interface AdmissionState {
  executing: number;
  waiting: number;
  /** Infinity while the loop is not saturated. */
  limit: number;
  /** Operations that have had to wait, and that were refused, since the start. */
  waited: number;
  refused: number;
  /** What the last adjustment read. */
  load: LoopLoad;
}

export class OverloadedError extends Error {
  override name = 'OverloadedError';
}

const saturated = 0.95;
const spare = 0.85;
// At saturation the collector stays under a quarter of the time on operations that mostly wait on
// upstreams, and goes well past it on wide ones, where holding some back saves CPU per operation
// (docs/performance.md).
const costlyCollector = 0.25;
const cheapCollector = costlyCollector / 2;

/** The event loop's utilisation and the collector's pauses, each over the time since the last reading. */
function measureLoop(): { read: () => LoopLoad; stop: () => void } {
  let lastLoop = performance.eventLoopUtilization();
  let paused = 0;
  let since = performance.now();
  const collections = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) paused += entry.duration;
  });
  collections.observe({ entryTypes: ['gc'] });
  return {
    read() {
      const loop = performance.eventLoopUtilization();
      const now = performance.now();
      const load = { busy: performance.eventLoopUtilization(loop, lastLoop).utilization, collecting: paused / (now - since) };
      lastLoop = loop;
      paused = 0;
      since = now;
      return load;
    },
    stop: () => collections.disconnect(),
  };
}

export class Admission {
  private executing = 0;
  private limit = Number.POSITIVE_INFINITY;
  private waited = 0;
  private refused = 0;
  private load: LoopLoad = { busy: 0, collecting: 0 };
  private readonly queue: (() => void)[] = [];
  private readonly loop: { read: () => LoopLoad; stop: () => void };
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly options: AdmissionOptions) {
    this.loop = options.load ? { read: options.load, stop: () => {} } : measureLoop();
    this.timer = setInterval(() => this.adjust(), options.intervalMs ?? 100);
    this.timer.unref();
  }

  get state(): AdmissionState {
    const { executing, limit, waited, refused, load } = this;
    return { executing, waiting: this.queue.length, limit, waited, refused, load };
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
    this.loop.stop();
    this.limit = Number.POSITIVE_INFINITY;
    this.admit();
  }

  /** Reads the loop's load since the last adjustment and moves the limit; runs every intervalMs. */
  adjust(): void {
    const load = this.loop.read();
    this.load = load;
    if (load.busy >= saturated && load.collecting >= costlyCollector) {
      this.limit = Math.max(this.options.minConcurrency, Math.floor(Math.min(this.limit, this.executing) * 0.75));
    } else if (load.busy < spare || load.collecting < cheapCollector) {
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
