// What one request remembers of its upstream reads, and how many calls it may still make. A path read
// twice in a request is read once, and a write forgets the reads it changes (datasource-rest's rule), so a
// request never reads back stale what it wrote. Nothing here outlives the request.
import { UpstreamError } from '../../errors.js';
import { nextSequence } from './coalesce.js';

export class ReadMemo {
  private readonly reads = new Map<string, Promise<unknown>>();
  /** The request's writes: the paths each changed, and when (in the process-wide order of reads and writes). */
  private readonly writes: { prefix: string; sequence: number }[] = [];

  /** The read of `target` (a path with its query string), made once for the request. */
  read<T>(target: string, load: () => Promise<T>): Promise<T> {
    let read = this.reads.get(target) as Promise<T> | undefined;
    if (!read) {
      read = load();
      this.reads.set(target, read);
    }
    return read;
  }

  /** Forgets every read under these path prefixes: a write of the request changed them. */
  forget(prefixes: readonly string[]): void {
    const sequence = nextSequence();
    for (const prefix of prefixes) {
      this.writes.push({ prefix, sequence });
      for (const target of this.reads.keys()) if (target.startsWith(prefix)) this.reads.delete(target);
    }
  }

  /** May a read of `target` that began at `sequence` (another request's, in flight) answer this request? Not if this request wrote under it since. */
  mayJoin(target: string, sequence: number): boolean {
    return this.writes.every((write) => write.sequence < sequence || !target.startsWith(write.prefix));
  }
}

/** How many more upstream calls one operation may make (MAX_UPSTREAM_CALLS), shared by its views of every upstream. */
export class CallAllowance {
  constructor(public left: number) {}

  /** Takes one call, or returns the error for a call past the limit (never sent). */
  take(upstream: string): UpstreamError | undefined {
    if (this.left <= 0) {
      return new UpstreamError(
        'QUERY_LIMIT_EXCEEDED',
        upstream,
        'this operation has made as many upstream calls as MAX_UPSTREAM_CALLS allows; this field was not resolved',
        { requestSent: false, extensions: { limit: 'MAX_UPSTREAM_CALLS' } },
      );
    }
    this.left -= 1;
    return undefined;
  }
}
