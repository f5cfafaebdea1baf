// A request's upstream calls, summed per endpoint as they are made: what its operation's log line shows.
// Summed on the way, not listed and summed at the end: a list page makes seventy calls.

/** The calls a request made to one endpoint (upstream, method and path template), as its log line shows them. */
export interface EndpointCalls {
  upstream: string;
  method: string;
  /** The path template: `{}` for every value. */
  path: string;
  calls: number;
  /**
   * Calls by outcome, the HTTP status or how a call with no answer failed: `200:3,404:1`. A string, not
   * an object keyed by status: V8 stores a key such as "200" as an array index, and an object with one
   * took 2.6 KB.
   */
  outcomes: string;
  /** The slowest call's duration. */
  ms: number;
}

/**
 * An endpoint's calls as they are summed: its outcomes and their counts side by side. Arrays searched in
 * order, not Maps: a request calls a handful of endpoints with one or two outcomes each, and its sums live as
 * long as it does, often through two young-generation collections, so what they hold is copied into the old
 * generation.
 */
interface Tally {
  upstream: string;
  method: string;
  path: string;
  calls: number;
  outcomes: string[];
  counts: number[];
  ms: number;
}

export class UpstreamCallLog {
  private readonly endpoints: Tally[] = [];

  add(upstream: string, method: string, path: string, outcome: string, ms: number): void {
    let tally: Tally | undefined;
    for (const t of this.endpoints) {
      if (t.path === path && t.upstream === upstream && t.method === method) {
        tally = t;
        break;
      }
    }
    if (!tally) {
      this.endpoints.push({ upstream, method, path, calls: 1, outcomes: [outcome], counts: [1], ms });
      return;
    }
    tally.calls += 1;
    if (ms > tally.ms) tally.ms = ms;
    const known = tally.outcomes.indexOf(outcome);
    if (known < 0) {
      tally.outcomes.push(outcome);
      tally.counts.push(1);
    } else tally.counts[known] = (tally.counts[known] ?? 0) + 1;
  }

  summary(): EndpointCalls[] {
    return this.endpoints.map(({ upstream, method, path, calls, outcomes, counts, ms }) => ({
      upstream,
      method,
      path,
      calls,
      outcomes: outcomes.map((outcome, i) => `${outcome}:${counts[i]}`).join(','),
      ms,
    }));
  }
}
