// The HTTP concerns every upstream client shares: one keep-alive pool per origin, one time budget per
// call, retries and a circuit breaker (cockatiel), path encoding, typed errors, and validated parsing.

import { EventEmitter } from 'node:events';
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
import { Pool, errors as undiciErrors } from 'undici';
import type { z } from 'zod';
import type { UpstreamName } from '../config.js';
import { UpstreamError } from '../errors.js';
import type { GatewayMetrics } from '../metrics.js';

const literalSegment = /^[\w.~@*+:-]*$/;

/** Percent-encodes a path segment but keeps `@`, `*`, `+` and `:` literal, as upstreams.md requires. */
export function encodeSegment(value: string): string {
  if (literalSegment.test(value)) return value; // ids, UUIDs and E.164 numbers: nothing to encode
  return encodeURIComponent(value).replace(/%(40|2B|3A)/gi, (escaped) => decodeURIComponent(escaped));
}

export interface UpstreamPath {
  /** The path as sent, every value encoded. */
  value: string;
  /** The path with `{}` for every value: what logs and metrics show, never an id or a number. */
  template: string;
}

const templates = new WeakMap<TemplateStringsArray, string>();

/** A tagged template for upstream paths: every interpolated value is encoded as one path segment. */
export function path(strings: TemplateStringsArray, ...values: string[]): UpstreamPath {
  let template = templates.get(strings);
  if (template === undefined) {
    template = strings.join('{}');
    templates.set(strings, template);
  }
  let value = strings[0] as string;
  for (let i = 0; i < values.length; i += 1) value += encodeSegment(values[i] as string) + (strings[i + 1] as string);
  return { value, template };
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface UpstreamRequest {
  method: Method;
  /** The documented path (see `path`). */
  path: UpstreamPath;
  query?: Record<string, string | number | undefined>;
  body?: { contentType: string; text: string };
  headers?: Record<string, string>;
}

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The media type without parameters, lower case; '' when absent. */
  mediaType: string;
  text: string;
}

export interface ResiliencePolicy {
  /** Retries after the first attempt, for reads (and for writes that certainly were not sent). */
  retries: number;
  /** Consecutive outages (unavailable or timed out) that open the circuit. */
  breakerThreshold: number;
  /** How long an open circuit fails fast before one probe is let through. */
  breakerHalfOpenMs: number;
}

export const defaultResilience: ResiliencePolicy = { retries: 2, breakerThreshold: 5, breakerHalfOpenMs: 10_000 };

export interface UpstreamHttpOptions {
  upstream: UpstreamName;
  baseUrl: string;
  /** One budget for a whole call, retries and back-off included. */
  timeoutMs: number;
  /** Headers sent on every request, usually the credentials. Never logged, never put into errors. */
  headers: Record<string, string>;
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

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: UpstreamResponse['headers']): number | undefined {
  const value = headers['retry-after'];
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  const seconds = Number(text);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function queryString(query: NonNullable<UpstreamRequest['query']>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) search.set(key, String(value));
  }
  return search.size > 0 ? `?${search.toString()}` : '';
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

/**
 * One call's time budget, as the EventEmitter signal undici accepts. An AbortController per call
 * (and undici's listener on it) cost more than the rest of the call's own work on Node 20.
 */
class Budget extends EventEmitter {
  aborted = false;
  private readonly timer: NodeJS.Timeout;

  constructor(ms: number) {
    super();
    this.timer = setTimeout(() => {
      this.aborted = true;
      this.emit('abort');
    }, ms);
  }

  end(): void {
    clearTimeout(this.timer);
  }
}

export class UpstreamHttp {
  readonly upstream: UpstreamName;
  readonly breaker: CircuitBreakerPolicy;
  private readonly retryPolicy: RetryPolicy;
  private readonly pool: Pool;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  /** The GraphQL request the calls are made for (see forRequest). */
  private readonly requestId: string | undefined;
  private readonly logger: Logger | undefined;
  private readonly resilience: ResiliencePolicy;
  private readonly metrics: GatewayMetrics['upstreamDuration'] | undefined;

  constructor(options: UpstreamHttpOptions) {
    const url = new URL(options.baseUrl);
    this.upstream = options.upstream;
    this.prefix = url.pathname.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs;
    this.headers = { accept: 'application/json, application/xml;q=0.9, */*;q=0.1', ...options.headers };
    this.requestId = undefined;
    this.logger = options.logger;
    this.resilience = options.resilience ?? defaultResilience;
    this.metrics = options.metrics;
    this.pool = new Pool(url.origin, {
      connections: options.connections ?? 128,
      keepAliveTimeout: 30_000,
      connect: { timeout: options.timeoutMs },
    });
    this.breaker = circuitBreaker(handleWhen(isOutage), {
      halfOpenAfter: this.resilience.breakerHalfOpenMs,
      breaker: new ConsecutiveBreaker(this.resilience.breakerThreshold),
    });
    // One policy per upstream: whether a failure may be retried (method, budget left) is decided
    // where the failure happens and carried on the error.
    this.retryPolicy = retry(
      handleWhen((error) => error instanceof UpstreamError && error.retryable),
      {
        maxAttempts: this.resilience.retries,
        backoff: new DelegateBackoff<IRetryBackoffContext<unknown>>((context) => {
          const error = 'error' in context.result ? context.result.error : undefined;
          const asked = error instanceof UpstreamError ? error.retryAfterMs : undefined;
          const ceiling = Math.min(1_000, 50 * 2 ** (context.attempt - 1));
          return asked ?? Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
        }),
      },
    );
    this.breaker.onStateChange((state) =>
      this.logger?.warn({ upstream: this.upstream, circuit: CircuitState[state] }, 'upstream circuit changed'),
    );
  }

  /**
   * The same pool, breaker and policies, making calls on behalf of one request: its id goes to the
   * upstream as x-request-id and onto every log line. (Passed along explicitly: AsyncLocalStorage
   * costs every promise of a request on Node 20, and the benchmark showed it.)
   */
  forRequest(requestId: string): UpstreamHttp {
    const view = Object.create(this) as UpstreamHttp;
    Object.defineProperty(view, 'requestId', { value: requestId });
    return view;
  }

  /**
   * Sends the request and hands the complete response to `interpret`, which returns the value or
   * throws an UpstreamError. Outages are retried as `isRetryable` allows, with exponential back-off
   * and jitter (or the upstream's Retry-After), all within one time budget; a circuit breaker fails
   * fast while the upstream is down. Never throws anything but UpstreamError.
   */
  async call<T>(request: UpstreamRequest, interpret: (response: UpstreamResponse) => T): Promise<T> {
    const budget = new Budget(this.timeoutMs);
    const deadline = performance.now() + this.timeoutMs;
    const attempt = async () => {
      try {
        return interpret(await this.send(request, budget));
      } catch (error) {
        if (error instanceof UpstreamError) {
          error.retryable = isRetryable(error, request.method) && (error.retryAfterMs ?? 0) < deadline - performance.now();
        }
        throw error;
      }
    };
    try {
      return await this.retryPolicy.execute(() => this.breaker.execute(attempt));
    } catch (error) {
      if (isBrokenCircuitError(error)) {
        this.metrics?.observe({ upstream: this.upstream, method: request.method, outcome: 'circuit_open' }, 0);
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
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', this.upstream, `${this.upstream} could not be read`, { cause: error });
    } finally {
      budget.end();
    }
  }

  /** One attempt: sends the request and reads the whole body before the budget runs out. */
  private async send(request: UpstreamRequest, budget: Budget): Promise<UpstreamResponse> {
    const started = performance.now();
    const { requestId } = this;
    const query = request.query ? queryString(request.query) : '';
    const write = request.method !== 'GET';
    const headers: Record<string, string> = { ...this.headers, ...request.headers };
    if (requestId) headers['x-request-id'] = requestId;
    if (request.body) headers['content-type'] = request.body.contentType;
    try {
      if (budget.aborted) throw new undiciErrors.RequestAbortedError();
      const response = await this.pool.request({
        method: request.method,
        path: `${this.prefix}${request.path.value}${query}`,
        headers,
        body: request.body?.text,
        signal: budget,
      });
      const text = await response.body.text();
      const contentType = response.headers['content-type'];
      const mediaType = (Array.isArray(contentType) ? contentType[0] : contentType)?.split(';')[0]?.trim().toLowerCase() ?? '';
      this.record(request, started, `${Math.floor(response.statusCode / 100)}xx`, { status: response.statusCode });
      return { status: response.statusCode, headers: response.headers, mediaType, text };
    } catch (error) {
      const failure = this.transportError(error, budget.aborted, write);
      this.record(request, started, failure.code === 'UPSTREAM_TIMEOUT' ? 'timeout' : 'unavailable', { failure: errorCode(error) });
      throw failure;
    }
  }

  /** One log line and one histogram sample per upstream request: never a header, a query string or an id. */
  private record(request: UpstreamRequest, started: number, outcome: string, extra: Record<string, unknown>): void {
    const seconds = (performance.now() - started) / 1000;
    this.metrics?.observe({ upstream: this.upstream, method: request.method, outcome }, seconds);
    const { logger } = this;
    if (logger?.isLevelEnabled('info')) {
      logger.info(
        {
          requestId: this.requestId,
          upstream: this.upstream,
          method: request.method,
          path: request.path.template,
          ...extra,
          ms: Math.round(seconds * 1000),
        },
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
        `${this.upstream} did not answer within ${this.timeoutMs} ms${unknownNote}`,
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
    await this.pool.close();
  }
}

/** A write succeeded: any 2xx, since the seeds name no status for most writes and upstreams vary (200, 201, 204). */
export const succeeded = (response: UpstreamResponse) => response.status >= 200 && response.status < 300;

/** The last path segment of a Location header: the id of what a POST created. */
export function locationId(response: UpstreamResponse): string | undefined {
  const location = response.headers.location;
  if (typeof location !== 'string') return undefined;
  const segment = location.split(/[?#]/)[0]?.split('/').filter(Boolean).pop();
  return segment === undefined ? undefined : decodeURIComponent(segment);
}

/** The error for a status the client has no more specific reading of. */
export function statusError(
  upstream: UpstreamName,
  response: UpstreamResponse,
  upstreamCode?: string,
  detail?: string,
  extensions?: Record<string, unknown>,
): UpstreamError {
  const { status } = response;
  const suffix = detail ? `: ${detail}` : '';
  const details = { status, upstreamCode, extensions };
  if (status === 400 || status === 422)
    return new UpstreamError('BAD_USER_INPUT', upstream, `${upstream} refused the input${suffix}`, details);
  if (status === 401) return new UpstreamError('UNAUTHENTICATED', upstream, `${upstream} refused the gateway's credentials`, details);
  if (status === 403) return new UpstreamError('FORBIDDEN', upstream, `${upstream} does not allow this${suffix}`, details);
  if (status === 404) return new UpstreamError('NOT_FOUND', upstream, `${upstream} does not know it${suffix}`, details);
  if (status === 429 || status >= 500) {
    return new UpstreamError('UPSTREAM_UNAVAILABLE', upstream, `${upstream} is unavailable (HTTP ${status})`, {
      ...details,
      retryAfterMs: retryAfterMs(response.headers),
    });
  }
  return badResponse(upstream, `answered with unexpected HTTP ${status}`, status);
}

export function badResponse(upstream: UpstreamName, problem: string, status?: number): UpstreamError {
  return new UpstreamError('UPSTREAM_BAD_RESPONSE', upstream, `${upstream} sent an answer outside its contract: ${problem}`, { status });
}

/** Keeps an upstream's own words short and printable before they reach a caller. */
export function upstreamWords(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 197)}...` : clean;
}

const jsonTypes = /^application\/([\w.+-]+\+)?json$/;

/** Parses a JSON body and checks it against the contract's shape. */
export function parseJson<S extends z.ZodType>(upstream: UpstreamName, response: UpstreamResponse, schema: S): z.infer<S> {
  const value = readJson(upstream, response);
  const checked = schema.safeParse(value);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw badResponse(upstream, `unexpected shape${where}`, response.status);
  }
  return checked.data;
}

/** An error body of the given shape, or undefined: a failure is reported by its status even when its body is junk. */
export function readErrorBody<S extends z.ZodType>(response: UpstreamResponse, schema: S): z.infer<S> | undefined {
  try {
    const checked = schema.safeParse(JSON.parse(response.text));
    return checked.success ? checked.data : undefined;
  } catch {
    return undefined;
  }
}

/** Parses a JSON body without a shape; for error bodies whose shape is checked by the caller. */
export function readJson(upstream: UpstreamName, response: UpstreamResponse): unknown {
  if (response.mediaType !== '' && !jsonTypes.test(response.mediaType)) {
    throw badResponse(upstream, `expected JSON, got ${response.mediaType}`, response.status);
  }
  try {
    return JSON.parse(response.text) as unknown;
  } catch {
    throw badResponse(upstream, response.text === '' ? 'empty body' : 'body is not valid JSON', response.status);
  }
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}
