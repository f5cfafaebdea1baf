// Identical upstream reads in flight are sent once, across operations (Tailcall's `dedupe`, the Router's
// `deduplicate_query`): a GET of the same path and query joins the one already on the wire and gets the
// same answer, or the same failure. The key needs nothing of the caller: the gateway's credentials are the
// same for every caller. Nothing outlives the read: the entry goes when its answer arrives (not a cache).
import type { Dispatcher, Pool } from 'undici';
import { Budget } from './budget.js';
import { dispatchWhole, type WholeAnswer } from './dispatch.js';

let sequence = 0;
/** A process-wide order of reads and writes: a read may be joined only by a request that wrote nothing under it since. */
export const nextSequence = () => ++sequence;

/**
 * One read on the wire and the callers waiting for it. It has no deadline of its own: each caller waits
 * within its own budget, and the read is aborted when the last of them has stopped waiting.
 */
class SharedRead {
  readonly sequence = nextSequence();
  private waiting = 0;
  private readonly budget = new Budget(undefined);
  private readonly answer: Promise<WholeAnswer>;

  /** `onDone` runs once the answer (or the failure) has come. */
  constructor(
    readonly key: string,
    pool: Pool,
    options: Dispatcher.DispatchOptions,
    maxBytes: number,
    onDone: (read: SharedRead) => void,
  ) {
    this.answer = dispatchWhole(pool, options, this.budget, maxBytes);
    // One reaction for the budget and the caller's bookkeeping: every read pays for it, joined or not.
    const end = () => {
      this.budget.end();
      onDone(this);
    };
    this.answer.then(end, end);
  }

  /** The answer, for one caller: it stops waiting when its own budget runs out, without cancelling the read for the others. */
  wait(budget: Budget): Promise<WholeAnswer> {
    this.waiting += 1;
    return new Promise<WholeAnswer>((resolve, reject) => {
      let settled = false;
      const settle = () => {
        if (settled) return false;
        settled = true;
        this.waiting -= 1;
        budget.abortAttempt = undefined;
        return true;
      };
      budget.abortAttempt = () => {
        if (!settle()) return;
        if (this.waiting === 0) this.budget.abort();
        reject(new Error('the caller stopped waiting'));
      };
      this.answer.then(
        (answer) => settle() && resolve(answer),
        (error: unknown) => settle() && reject(error),
      );
    });
  }
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
   * The answer to a GET of `key`: joined to an identical read in flight when `mayJoin` allows it (the read
   * began after the caller's own last write under that path), sent otherwise.
   */
  read(
    key: string,
    options: Dispatcher.DispatchOptions,
    budget: Budget,
    mayJoin: (sequence: number) => boolean,
  ): { answer: Promise<WholeAnswer>; joined: boolean } {
    let read = this.reads.get(key);
    const joined = read !== undefined && mayJoin(read.sequence);
    if (!read || !joined) {
      read = new SharedRead(key, this.pool, options, this.maxBytes, this.forget);
      this.reads.set(key, read);
    }
    return { answer: read.wait(budget), joined };
  }
}
