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

/** An endpoint's calls as they are summed: outcomes counted in a map, written out by `summary`. */
type Tally = Omit<EndpointCalls, 'outcomes'> & { outcomes: Map<string, number> };

export class UpstreamCallLog {
  private readonly endpoints = new Map<string, Tally>();

  add(upstream: string, method: string, path: string, outcome: string, ms: number): void {
    const key = `${upstream} ${method} ${path}`;
    const tally = this.endpoints.get(key);
    if (tally) {
      tally.calls += 1;
      tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
      if (ms > tally.ms) tally.ms = ms;
    } else {
      this.endpoints.set(key, { upstream, method, path, calls: 1, outcomes: new Map([[outcome, 1]]), ms });
    }
  }

  summary(): EndpointCalls[] {
    const summary: EndpointCalls[] = [];
    for (const { upstream, method, path, calls, outcomes, ms } of this.endpoints.values()) {
      let text = '';
      for (const [outcome, count] of outcomes) text += `${text === '' ? '' : ','}${outcome}:${count}`;
      summary.push({ upstream, method, path, calls, outcomes: text, ms });
    }
    return summary;
  }
}
