// The transport every upstream client shares, one step per module: one keep-alive pool per origin, the
// call's time budget (budget.ts), retries and a circuit breaker (resilience.ts), one attempt on the wire
// (attempt.ts, dispatch.ts), identical reads in flight joined across operations (coalesce.ts), what an
// attempt leaves in traces, metrics and logs (instrumentation.ts), and the request's memo of reads and
// call allowance (memo.ts). Upstream text is redacted before anything reads it.
import { setTimeout as sleep } from 'node:timers/promises';
import { UpstreamError } from '../../errors.js';
import { type AttemptAnswer, type AttemptScope, sendAttempt } from './attempt.js';
import { Budget } from './budget.js';
import { type CallAllowance, ReadMemo } from './memo.js';
import { UpstreamReply } from './parse.js';
import { queryString, type RequestOptions, type UpstreamRequest } from './request.js';
import { circuitOpen, markRetry, retryWait } from './resilience.js';
import { type SharedParts, sharedParts, type UpstreamHttpOptions } from './shared.js';

/** What a request's view of an upstream holds of its own (see forRequest). */
interface RequestScope extends AttemptScope {
  /** The request's reads; undefined where answers must always be fresh. */
  memo: ReadMemo | undefined;
  allowance: CallAllowance | undefined;
  onWrite: (() => void) | undefined;
}

const noRequest: RequestScope = {
  requestId: undefined,
  memo: undefined,
  calls: undefined,
  trace: undefined,
  allowance: undefined,
  onWrite: undefined,
};

export class UpstreamHttp {
  private readonly shared: SharedParts;
  private readonly scope: RequestScope;

  constructor(options: UpstreamHttpOptions | { shared: SharedParts; scope: RequestScope }) {
    if ('shared' in options) {
      this.shared = options.shared;
      this.scope = options.scope;
    } else {
      this.shared = sharedParts(options);
      this.scope = noRequest;
    }
  }

  get upstream(): string {
    return this.shared.upstream;
  }

  /**
   * The same pool and policies, making calls on behalf of one request: its id goes upstream as
   * x-request-id and onto every log line (passed along explicitly: AsyncLocalStorage costs every promise
   * of a request on Node 20). With `memo`, a path read twice in the request is read once, and a write
   * drops the reads it changes. A plain object of the class, so every view keeps V8's fast shape.
   */
  forRequest(requestId: string, { memo = true, calls, trace, allowance, onWrite }: RequestOptions = {}): UpstreamHttp {
    return new UpstreamHttp({
      shared: this.shared,
      scope: { requestId, memo: memo ? new ReadMemo() : undefined, calls, trace, allowance, onWrite },
    });
  }

  /**
   * Sends the request and hands the complete response to `interpret`, which returns the value or throws an
   * UpstreamError. Never throws anything but UpstreamError. Within a request, a read of a path is made once
   * (each path is read by one client method, so its value stands for the path).
   */
  call<T>(request: UpstreamRequest, interpret: (reply: UpstreamReply) => T): Promise<T> {
    const { memo } = this.scope;
    // The path with its query string: what is sent, and what a read is remembered by.
    const target = request.query ? request.path.value + queryString(request.query) : request.path.value;
    if (memo && request.method === 'GET') return memo.read(target, () => this.allowedCall(request, target, interpret));
    memo?.forget((request.invalidates ?? [request.path]).map((p) => p.value));
    this.scope.onWrite?.();
    return this.allowedCall(request, target, interpret);
  }

  /** The call, if the operation may still make one (MAX_UPSTREAM_CALLS); a read the memo answers is no call. */
  private allowedCall<T>(request: UpstreamRequest, target: string, interpret: (reply: UpstreamReply) => T): Promise<T> {
    const refused = this.scope.allowance?.take(this.upstream);
    return refused ? Promise.reject(refused) : this.callOnce(request, target, interpret);
  }

  /** The call's attempts under its budget, its upstream's circuit breaker and retries, each answer read by `interpret`. */
  private async callOnce<T>(request: UpstreamRequest, target: string, interpret: (reply: UpstreamReply) => T): Promise<T> {
    const { shared } = this;
    const budget = new Budget(shared.timeoutMs);
    const write = request.method !== 'GET';
    try {
      for (let number = 1; ; number += 1) {
        // A read joined to one in flight sends nothing: it waits outside the breaker, which counts the
        // outcome once, for the caller that sent it (joiners counted too would open the circuit on one failure).
        const joined = write ? undefined : shared.inFlight?.joinable(target, this.scope.memo);
        const attempt = () =>
          sendAttempt(shared, this.scope, { request, target, budget, number, joined }, (answer) => this.read(answer, interpret, write));
        try {
          return await (joined ? attempt() : shared.breaker.run(attempt));
        } catch (error) {
          // A failure is marked for a retry when one is allowed (markRetry); retryWait reads the mark.
          markRetry(error, request.method, number, budget);
          const wait = retryWait(error, number, shared.retries);
          if (wait === undefined) throw error;
          await sleep(wait);
        }
      }
    } catch (error) {
      const refused = circuitOpen(this.upstream, error);
      if (refused) {
        shared.observers.metrics?.observe({ upstream: this.upstream, method: request.method, outcome: 'circuit_open' }, 0);
        throw refused;
      }
      if (error instanceof UpstreamError) throw error;
      // The answer came and could not be read: to a write, that leaves its outcome unknown.
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', this.upstream, `${this.upstream} could not be read`, {
        cause: error,
        outcomeUnknown: write,
      });
    } finally {
      budget.end();
    }
  }

  /**
   * An answer read by `interpret`. Callers that share an answer share its reading: a path is read by one
   * client method, so the reading is the same for each of them (the request memo stands on the same rule),
   * and nothing alters a value once read. A reading that fails is made by each caller anew, each with an
   * error of its own.
   */
  private read<T>(answer: AttemptAnswer, interpret: (reply: UpstreamReply) => T, write: boolean): T {
    if (answer.reading) return answer.reading.value as T;
    const value = interpret(new UpstreamReply(this.upstream, answer, this.shared.readFailure, write));
    if (answer.shared) answer.reading = { value };
    return value;
  }

  async close(): Promise<void> {
    await this.shared.pool.close();
  }
}
