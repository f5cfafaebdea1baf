// Identical upstream reads in flight are sent once, across operations (Tailcall's `dedupe`, the Router's
// `deduplicate_query`): a GET of the same path and query joins the one already on the wire and gets the
// same answer, or the same failure. The key needs nothing of the caller: the gateway's credentials are the
// same for every caller. Nothing outlives the read: the entry goes when its answer arrives (not a cache).
import type { Dispatcher, Pool } from 'undici';
import { Budget, type InFlight } from './budget.js';
import { dispatchTo, type WholeAnswer } from './dispatch.js';

let sequence = 0;
/** A process-wide order of reads and writes: a read may be joined only by a request that wrote nothing under it since. */
export const nextSequence = () => ++sequence;

type Settle = (error: Error | undefined, answer: WholeAnswer | undefined) => void;
const settled: Settle = () => {};

/**
 * A caller waiting for a shared read, within its own budget; what its budget stops when it runs out. Once
 * settled it lets go of its promise: a waiter that lived through two young-generation collections is in the
 * old generation, and until the next full collection it would keep every answer it was handed (and all
 * that was made of it) alive with it.
 */
class Waiter implements InFlight {
  constructor(
    private read: SharedRead | undefined,
    readonly budget: Budget,
    private settleWith: Settle,
  ) {}

  settle(error: Error | undefined, answer: WholeAnswer | undefined): void {
    const { settleWith } = this;
    this.budget.inFlight = undefined;
    this.settleWith = settled;
    this.read = undefined;
    settleWith(error, answer);
  }

  /** The caller's budget ran out: it stops waiting, without cancelling the read for the others. */
  stop(): void {
    const { read } = this;
    this.settle(new Error('the caller stopped waiting'), undefined);
    read?.leave(this);
  }
}

/**
 * One read on the wire and the callers waiting for it. It has no deadline of its own: each caller waits
 * within its own budget, and the read is aborted when the last of them has stopped waiting. The answer is
 * handed to the waiters from undici's callback, not through a promise of its own (one promise per caller,
 * no more), and kept only while no caller has come for it yet.
 */
export class SharedRead {
  readonly sequence = nextSequence();
  private waiters: Waiter[] = [];
  private readonly budget = new Budget(undefined);
  /** How the read ended when it ended with no one waiting: undici may fail a dispatch before `send` returns. */
  private unclaimed: { error: Error | undefined; answer: WholeAnswer | undefined } | undefined;

  /** `onDone` runs once the answer (or the failure) has come. */
  constructor(
    readonly key: string,
    private readonly onDone: (read: SharedRead) => void,
  ) {}

  /** Sends the read; called once the read can be found, so that `onDone` finds it even when undici fails it at once. */
  send(pool: Pool, options: Dispatcher.DispatchOptions, maxBytes: number): void {
    dispatchTo(pool, options, this.budget, maxBytes, (error, answer) => {
      this.budget.end();
      this.onDone(this);
      const { waiters } = this;
      this.waiters = [];
      if (waiters.length === 0) this.unclaimed = { error, answer };
      if (answer && waiters.length > 1) answer.callers = waiters.length;
      for (const waiter of waiters) waiter.settle(error, answer);
    });
  }

  /** The answer, for one caller: it stops waiting when its own budget runs out, without cancelling the read for the others. */
  wait(budget: Budget): Promise<WholeAnswer> {
    return new Promise<WholeAnswer>((resolve, reject) => {
      const waiter = new Waiter(this, budget, (error, answer) => (answer ? resolve(answer) : reject(error)));
      const { unclaimed } = this;
      if (unclaimed) {
        this.unclaimed = undefined;
        waiter.settle(unclaimed.error, unclaimed.answer);
        return;
      }
      this.waiters.push(waiter);
      budget.inFlight = waiter;
    });
  }

  /** A caller stopped waiting; the read is aborted when the last one has. */
  leave(waiter: Waiter): void {
    this.waiters = this.waiters.filter((w) => w !== waiter);
    if (this.waiters.length === 0) this.budget.abort();
  }
}

/** Whether a read that began at `sequence` may answer a caller: not if the caller's request wrote under `target` since (ReadMemo). */
export interface JoinRule {
  mayJoin(target: string, sequence: number): boolean;
}

export class ReadsInFlight {
  private readonly reads = new Map<string, SharedRead>();
  /** Forgets a read once answered, unless a newer read of its key has taken its place. */
  private readonly forget = (read: SharedRead) => {
    if (this.reads.get(read.key) === read) this.reads.delete(read.key);
  };

  constructor(
    private readonly pool: Pool,
    private readonly maxBytes: number,
  ) {}

  /**
   * The GET of `key` in flight that a caller may join: one that began after the caller's own last write
   * under that path (`rule`; none, for a caller with no request). Looked up before the caller builds its
   * own request, which a joiner never needs.
   */
  joinable(key: string, rule: JoinRule | undefined): SharedRead | undefined {
    const read = this.reads.get(key);
    return read && (rule?.mayJoin(key, read.sequence) ?? true) ? read : undefined;
  }

  /** Sends a GET of `key` that later identical reads may join, in place of any older one in flight. */
  send(key: string, options: Dispatcher.DispatchOptions): SharedRead {
    const read = new SharedRead(key, this.forget);
    this.reads.set(key, read);
    read.send(this.pool, options, this.maxBytes);
    return read;
  }
}
