// The transport every upstream client shares: one keep-alive pool per origin, one time budget per
// call, retries and a circuit breaker (cockatiel), one log line and metric per call, and a per-request
// memo of reads that writes invalidate (datasource-rest's rule), so a request never reads stale what it changed.

import { type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import {
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  type IRetryBackoffContext,
  isBrokenCircuitError,
  type RetryPolicy,
  retry,
} from 'cockatiel';
import type { Logger } from 'pino';
import { type Dispatcher, Pool, errors as undiciErrors } from 'undici';
import { UpstreamError } from '../../errors.js';
import type { GatewayMetrics } from '../../metrics.js';
import type { RequestTrace } from '../../telemetry.js';
import type { UpstreamCallLog } from './call-log.js';
import { badResponse, type ReadFailure, type UpstreamResponse } from './errors.js';
import { UpstreamReply } from './parse.js';
import type { UpstreamPath } from './path.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface UpstreamRequest {
  method: Method;
  /** The documented path (see `path`). */
  path: UpstreamPath;
  query?: Record<string, string | number | undefined>;
  body?: { contentType: string; text: string };
  headers?: Record<string, string>;
  /** A write: the reads it changes, as path prefixes; by default its own path. */
  invalidates?: UpstreamPath[];
}

export interface ResiliencePolicy {
  /** Retries after the first attempt, for reads (and for writes that certainly were not sent). */
  retries: number;
  /** Consecutive outages (unavailable or timed out) that open the circuit. */
  breakerThreshold: number;
  /** How long an open circuit fails fast before one probe is let through. */
  breakerHalfOpenMs: number;
}

/** How many more upstream calls one operation may make (MAX_UPSTREAM_CALLS), shared by its views of every upstream. */
export class CallAllowance {
  constructor(public left: number) {}
}

export interface RequestOptions {
  /** Remember the request's reads (default); off for long-lived callers such as an order's poller. */
  memo?: boolean;
  /** The operation's calls left; none: no limit (an order's poller). */
  allowance?: CallAllowance | undefined;
  /** Where the request's calls are summed. */
  calls?: UpstreamCallLog;
  /** With tracing on: where each call finds its operation's span. */
  trace?: RequestTrace | undefined;
}

export const defaultResilience: ResiliencePolicy = { retries: 2, breakerThreshold: 5, breakerHalfOpenMs: 10_000 };

export interface UpstreamHttpOptions {
  upstream: string;
  baseUrl: string;
  /** One budget for a whole call, retries and back-off included. */
  timeoutMs: number;
  /** Headers sent on every request, usually the credentials. Never logged, never put into errors. */
  headers: Record<string, string>;
  /** The upstream's error dialect: what its failed answers' bodies say. */
  readFailure?: ReadFailure | undefined;
  /** Removes the gateway's credentials from an answer's text before anything reads it. */
  redact?: ((text: string) => string) | undefined;
  /** The largest answer read; a longer one is cut off there and is UPSTREAM_BAD_RESPONSE. */
  maxBodyBytes?: number | undefined;
  connections?: number;
  logger?: Logger | undefined;
  resilience?: ResiliencePolicy;
  metrics?: GatewayMetrics['upstreamDuration'] | undefined;
}

const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const retryableStatuses = new Set([429, 502, 503, 504]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
  return errorCode(cause) ?? (typeof code === 'string' ? code : undefined);
}

function queryString(query: NonNullable<UpstreamRequest['query']>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  return search.size > 0 ? `?${search.toString()}` : '';
}

/** The time one more attempt needs at the least; a retry that would leave less is not made. */
const minAttemptMs = 20;

/** Exponential back-off with jitter after the given attempt: 25–50 ms, then 50–100 ms, … up to 1 s. */
function backoffMs(attempt: number): number {
  const ceiling = Math.min(1_000, 50 * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
}

/** May this failure be tried again? Reads on outages; writes only when they certainly never left. */
export function isRetryable(error: unknown, method: Method): boolean {
  if (!(error instanceof UpstreamError) || error.code !== 'UPSTREAM_UNAVAILABLE') return false;
  if (error.extensions.circuitOpen) return false;
  if (method !== 'GET') return !error.requestSent;
  return error.status === undefined || retryableStatuses.has(error.status) || error.upstreamCode === 'GLOBAL_1001';
}

/** Failures that say the upstream is down, as opposed to refusing this request; they feed the circuit breaker. */
const isOutage = (error: unknown) =>
  error instanceof UpstreamError &&
  (error.code === 'UPSTREAM_TIMEOUT' || (error.code === 'UPSTREAM_UNAVAILABLE' && !error.extensions.circuitOpen));

/** One call's time budget, retries and back-off included: when it runs out, the attempt in flight is aborted. */
class Budget {
  aborted = false;
  /** Aborts the attempt in flight; undefined between attempts. */
  abortAttempt: (() => void) | undefined;
  private readonly timer: NodeJS.Timeout;
  private readonly deadline: number;

  constructor(ms: number) {
    this.deadline = performance.now() + ms;
    this.timer = setTimeout(() => {
      this.aborted = true;
      this.abortAttempt?.();
    }, ms);
  }

  remainingMs(): number {
    return this.deadline - performance.now();
  }

  end(): void {
    clearTimeout(this.timer);
    this.abortAttempt = undefined;
  }
}

/** An answer as WholeResponse collects it; `send` adds its media type. */
type WholeAnswer = Omit<UpstreamResponse, 'mediaType'>;

const defaultMaxBodyBytes = 5 * 1024 * 1024;

/** An answer longer than the limit: its reading was stopped and its connection closed, so it is never held whole. */
class AnswerTooLarge extends Error {
  constructor(readonly status: number) {
    super('upstream answer over the size limit');
  }
}

const contentLength = (headers: UpstreamResponse['headers']) => {
  const value = headers['content-length'];
  return typeof value === 'string' ? Number(value) : undefined;
};

/**
 * Collects one whole response from undici's dispatch: status, headers and the body's bytes, with no
 * stream in between. `pool.request` wraps every body in a Node Readable that the transport only ever
 * read to its end; that stream was a third of a call's allocations (bench/upstream-call.ts).
 */
class WholeResponse implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: UpstreamResponse['headers'] = {};
  private chunks: Buffer[] = [];
  private bytes = 0;

  constructor(
    private readonly budget: Budget,
    private readonly maxBytes: number,
    private readonly resolve: (response: WholeAnswer) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.budget.aborted) controller.abort(new undiciErrors.RequestAbortedError());
    else this.budget.abortAttempt = () => controller.abort(new undiciErrors.RequestAbortedError());
  }

  onResponseStart(controller: Dispatcher.DispatchController, status: number, headers: UpstreamResponse['headers']): void {
    // 1xx answers are informational: the response is the one after them.
    if (status < 200) return;
    this.status = status;
    this.headers = headers;
    if ((contentLength(headers) ?? 0) > this.maxBytes) controller.abort(new AnswerTooLarge(status));
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      this.chunks = [];
      controller.abort(new AnswerTooLarge(this.status));
      return;
    }
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    this.budget.abortAttempt = undefined;
    const { chunks } = this;
    const text = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
    this.resolve({ status: this.status, headers: this.headers, text });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.budget.abortAttempt = undefined;
    this.reject(error);
  }
}

/** What every request's view of an upstream shares: built once per upstream (see forRequest). */
interface SharedParts {
  upstream: string;
  pool: Pool;
  /** The base URL's path, prefixed to every request's. */
  prefix: string;
  timeoutMs: number;
  headers: Record<string, string>;
  logger: Logger | undefined;
  metrics: GatewayMetrics['upstreamDuration'] | undefined;
  readFailure: ReadFailure | undefined;
  redact: ((text: string) => string) | undefined;
  maxBodyBytes: number;
  breaker: CircuitBreakerPolicy;
  retryPolicy: RetryPolicy;
}

/** What a request's view of an upstream holds of its own (see forRequest). */
interface RequestScope {
  /** The GraphQL request the calls are made for. */
  requestId: string | undefined;
  /** The request's reads by path and query; undefined where answers must always be fresh. */
  memo: Map<string, Promise<unknown>> | undefined;
  /** The request's upstream calls, for its operation's log line. */
  calls: UpstreamCallLog | undefined;
  trace: RequestTrace | undefined;
  allowance: CallAllowance | undefined;
}

const noRequest: RequestScope = { requestId: undefined, memo: undefined, calls: undefined, trace: undefined, allowance: undefined };

function sharedParts(options: UpstreamHttpOptions): SharedParts {
  const url = new URL(options.baseUrl);
  const resilience = options.resilience ?? defaultResilience;
  const breaker = circuitBreaker(handleWhen(isOutage), {
    halfOpenAfter: resilience.breakerHalfOpenMs,
    breaker: new ConsecutiveBreaker(resilience.breakerThreshold),
  });
  breaker.onStateChange((state) =>
    options.logger?.warn({ upstream: options.upstream, circuit: CircuitState[state] }, 'upstream circuit changed'),
  );
  return {
    upstream: options.upstream,
    pool: new Pool(url.origin, {
      connections: options.connections ?? 128,
      keepAliveTimeout: 30_000,
      connect: { timeout: options.timeoutMs },
    }),
    prefix: url.pathname.replace(/\/+$/, ''),
    timeoutMs: options.timeoutMs,
    headers: { accept: 'application/json, application/xml;q=0.9, */*;q=0.1', ...options.headers },
    logger: options.logger,
    metrics: options.metrics,
    readFailure: options.readFailure,
    redact: options.redact,
    maxBodyBytes: options.maxBodyBytes ?? defaultMaxBodyBytes,
    breaker,
    // One policy per upstream: whether a failure may be retried (method, budget left) is decided
    // where the failure happens and carried on the error.
    retryPolicy: retry(
      handleWhen((error) => error instanceof UpstreamError && error.retryInMs !== undefined),
      {
        maxAttempts: resilience.retries,
        backoff: new DelegateBackoff<IRetryBackoffContext<unknown>>((context) =>
          'error' in context.result && context.result.error instanceof UpstreamError ? (context.result.error.retryInMs ?? 0) : 0,
        ),
      },
    ),
  };
}

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

  get breaker(): CircuitBreakerPolicy {
    return this.shared.breaker;
  }

  /**
   * The same pool, breaker and policies, making calls on behalf of one request: its id goes to the
   * upstream as x-request-id and onto every log line. (Passed along explicitly: AsyncLocalStorage
   * costs every promise of a request on Node 20, and the benchmark showed it.) With `memo`, a path read
   * twice in the request is read once, and a write drops the reads it changes. A plain object of the
   * class over the shared parts, not Object.create and defineProperty: those made every view a slow,
   * dictionary-mode object.
   */
  forRequest(requestId: string, { memo = true, calls, trace, allowance }: RequestOptions = {}): UpstreamHttp {
    return new UpstreamHttp({ shared: this.shared, scope: { requestId, memo: memo ? new Map() : undefined, calls, trace, allowance } });
  }

  /**
   * Sends the request and hands the complete response to `interpret`, which returns the value or
   * throws an UpstreamError. Outages are retried as `isRetryable` allows, with exponential back-off
   * and jitter (or the upstream's Retry-After), all within one time budget; a circuit breaker fails
   * fast while the upstream is down. Never throws anything but UpstreamError. Within a request, a read
   * of a path is made once (each path is read by one client method, so its value stands for the path).
   */
  call<T>(request: UpstreamRequest, interpret: (reply: UpstreamReply) => T): Promise<T> {
    const { memo } = this.scope;
    // The path with its query string: what is sent, and what a read is remembered by.
    const target = request.query ? request.path.value + queryString(request.query) : request.path.value;
    if (!memo) return this.allowedCall(request, target, interpret);
    if (request.method !== 'GET') {
      for (const prefix of request.invalidates ?? [request.path]) {
        for (const key of memo.keys()) if (key.startsWith(prefix.value)) memo.delete(key);
      }
      return this.allowedCall(request, target, interpret);
    }
    let read = memo.get(target) as Promise<T> | undefined;
    if (!read) {
      read = this.allowedCall(request, target, interpret);
      memo.set(target, read);
    }
    return read;
  }

  /** The call, if the operation may still make one (MAX_UPSTREAM_CALLS); a read the memo answers is no call. */
  private allowedCall<T>(request: UpstreamRequest, target: string, interpret: (reply: UpstreamReply) => T): Promise<T> {
    const { allowance } = this.scope;
    if (allowance) {
      if (allowance.left <= 0) {
        return Promise.reject(
          new UpstreamError(
            'QUERY_LIMIT_EXCEEDED',
            this.upstream,
            'this operation has made as many upstream calls as MAX_UPSTREAM_CALLS allows; this field was not resolved',
            { requestSent: false, extensions: { limit: 'MAX_UPSTREAM_CALLS' } },
          ),
        );
      }
      allowance.left -= 1;
    }
    return this.callOnce(request, target, interpret);
  }

  private async callOnce<T>(request: UpstreamRequest, target: string, interpret: (reply: UpstreamReply) => T): Promise<T> {
    const budget = new Budget(this.shared.timeoutMs);
    let attempts = 0;
    const attempt = async () => {
      attempts += 1;
      try {
        const response = await this.send(request, target, budget, attempts);
        return interpret(new UpstreamReply(this.upstream, response, this.shared.readFailure, request.method !== 'GET'));
      } catch (error) {
        if (error instanceof UpstreamError && isRetryable(error, request.method)) {
          // A wait that would leave the next attempt no time is not taken: the outage is reported now, as
          // itself, rather than later as a timeout.
          const wait = error.retryAfterMs ?? backoffMs(attempts);
          if (wait + minAttemptMs < budget.remainingMs()) error.retryInMs = wait;
        }
        throw error;
      }
    };
    try {
      return await this.shared.retryPolicy.execute(() => this.breaker.execute(attempt));
    } catch (error) {
      if (isBrokenCircuitError(error)) {
        this.shared.metrics?.observe({ upstream: this.upstream, method: request.method, outcome: 'circuit_open' }, 0);
        throw new UpstreamError(
          'UPSTREAM_UNAVAILABLE',
          this.upstream,
          `${this.upstream} is failing; calls are paused while its circuit is open`,
          {
            requestSent: false,
            extensions: { circuitOpen: true },
          },
        );
      }
      if (error instanceof UpstreamError) throw error;
      // The answer came and could not be read: to a write, that leaves its outcome unknown.
      const outcomeUnknown = request.method !== 'GET';
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', this.upstream, `${this.upstream} could not be read`, {
        cause: error,
        outcomeUnknown,
      });
    } finally {
      budget.end();
    }
  }

  /** One attempt: sends the request and reads the whole body before the budget runs out. */
  private async send(request: UpstreamRequest, target: string, budget: Budget, attempt: number): Promise<UpstreamResponse> {
    const started = performance.now();
    const { requestId } = this.scope;
    const write = request.method !== 'GET';
    const headers: Record<string, string> = { ...this.shared.headers, ...request.headers };
    if (requestId) headers['x-request-id'] = requestId;
    if (request.body) headers['content-type'] = request.body.contentType;
    const span = this.startSpan(request, attempt, headers);
    try {
      if (budget.aborted) throw new undiciErrors.RequestAbortedError();
      const response = await new Promise<WholeAnswer>((resolve, reject) => {
        this.shared.pool.dispatch(
          { method: request.method, path: this.shared.prefix + target, headers, body: request.body?.text },
          new WholeResponse(budget, this.shared.maxBodyBytes, resolve, reject),
        );
      });
      const { redact } = this.shared;
      const text = redact ? redact(response.text) : response.text;
      const contentType = response.headers['content-type'];
      const mediaType = (Array.isArray(contentType) ? contentType[0] : contentType)?.split(';')[0]?.trim().toLowerCase() ?? '';
      this.record(request, started, `${Math.floor(response.status / 100)}xx`, response.status, undefined, span);
      return { status: response.status, headers: response.headers, mediaType, text };
    } catch (error) {
      if (error instanceof AnswerTooLarge) {
        this.record(request, started, 'too_large', error.status, 'ANSWER_TOO_LARGE', span);
        throw badResponse(this.upstream, `its answer is longer than ${this.shared.maxBodyBytes} bytes`, error.status, write);
      }
      const failure = this.transportError(error, budget.aborted, write);
      this.record(request, started, failure.code === 'UPSTREAM_TIMEOUT' ? 'timeout' : 'unavailable', undefined, errorCode(error), span);
      throw failure;
    }
  }

  /**
   * With tracing on, a client span per attempt under the operation's span, named and described by the
   * path template (never an id, a query string or a credential), and its `traceparent` sent upstream.
   */
  private startSpan(request: UpstreamRequest, attempt: number, headers: Record<string, string>): Span | undefined {
    const requestTrace = this.scope.trace;
    if (!requestTrace?.parent) return undefined;
    const span = requestTrace.telemetry.tracer.startSpan(
      `${this.upstream} ${request.method} ${request.path.template}`,
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'switchboard.upstream': this.upstream,
          'http.request.method': request.method,
          'url.template': request.path.template,
          'switchboard.attempt': attempt,
        },
      },
      requestTrace.parent,
    );
    requestTrace.telemetry.outgoing(trace.setSpan(requestTrace.parent, span), headers);
    return span;
  }

  /**
   * One histogram sample per upstream request, one more call in the request's sums (its operation's log
   * line shows them), and at debug a line of its own: never a header, a query string or an id.
   */
  private record(
    request: UpstreamRequest,
    started: number,
    outcome: string,
    status: number | undefined,
    failure: string | undefined,
    span: Span | undefined,
  ): void {
    if (span) {
      span.setAttribute('switchboard.outcome', outcome);
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
      if (status === undefined || status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: failure ?? outcome });
      span.end();
    }
    const seconds = (performance.now() - started) / 1000;
    this.shared.metrics?.observe({ upstream: this.upstream, method: request.method, outcome }, seconds);
    const ms = Math.round(seconds * 1000);
    const path = request.path.template;
    this.scope.calls?.add(this.upstream, request.method, path, status !== undefined ? String(status) : (failure ?? 'no answer'), ms);
    const { logger } = this.shared;
    if (logger?.isLevelEnabled('debug')) {
      logger.debug(
        { requestId: this.scope.requestId, upstream: this.upstream, method: request.method, path, status, failure, ms },
        'upstream call',
      );
    }
  }

  private transportError(error: unknown, timedOut: boolean, write: boolean): UpstreamError {
    const code = errorCode(error);
    const notSent = code !== undefined && (notSentCodes.has(code) || error instanceof undiciErrors.ConnectTimeoutError);
    const outcomeUnknown = write && !notSent;
    const unknownNote = outcomeUnknown ? '; the request may have been applied, so it was not sent again' : '';
    if (timedOut) {
      return new UpstreamError(
        'UPSTREAM_TIMEOUT',
        this.upstream,
        `${this.upstream} did not answer within ${this.shared.timeoutMs} ms${unknownNote}`,
        { outcomeUnknown, requestSent: !notSent, cause: error },
      );
    }
    const reason =
      code === 'ECONNREFUSED'
        ? 'refused the connection'
        : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
          ? 'closed the connection'
          : 'could not be reached';
    return new UpstreamError('UPSTREAM_UNAVAILABLE', this.upstream, `${this.upstream} ${reason}${unknownNote}`, {
      outcomeUnknown,
      requestSent: !notSent,
      cause: error,
    });
  }

  async close(): Promise<void> {
    await this.shared.pool.close();
  }
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
