// One attempt on the wire: the request dispatched on the upstream's pool and its whole answer collected,
// within the call's budget and up to UPSTREAM_MAX_BODY_BYTES; a failure to get an answer is turned into the
// upstream's typed error, saying whether a write may have been applied.
import { type Dispatcher, type Pool, errors as undiciErrors } from 'undici';
import { UpstreamError } from '../../errors.js';
import type { Budget, InFlight } from './budget.js';
import type { UpstreamResponse } from './errors.js';

/** An answer as it was collected: status, headers and the body's text. */
export interface WholeAnswer extends Omit<UpstreamResponse, 'mediaType'> {
  /** How many callers this one answer went to: more than one when callers joined a read in flight (coalesce.ts). */
  callers: number;
  /** What the first of several callers made of the answer, for the others (attempt.ts); never set for one caller. */
  made: unknown;
}

/** An answer longer than the limit: its reading was stopped and its connection closed, so it is never held whole. */
export class AnswerTooLarge extends Error {
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
 * stream in between (`pool.request` wraps every body in a Node Readable that was only ever read to its end).
 */
class WholeResponse implements Dispatcher.DispatchHandler, InFlight {
  private controller: Dispatcher.DispatchController | undefined;
  private status = 0;
  private headers: UpstreamResponse['headers'] = {};
  private chunks: Buffer[] = [];
  private bytes = 0;

  constructor(
    private readonly budget: Budget,
    private readonly maxBytes: number,
    private readonly done: AnswerCallback,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    if (this.budget.aborted) controller.abort(new undiciErrors.RequestAbortedError());
    else {
      this.controller = controller;
      this.budget.inFlight = this;
    }
  }

  stop(): void {
    this.controller?.abort(new undiciErrors.RequestAbortedError());
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
    this.budget.inFlight = undefined;
    this.controller = undefined;
    const { chunks } = this;
    // undici may hold the handler a while after the answer: the bytes go with it, not with the text.
    this.chunks = [];
    const text = chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8');
    this.done(undefined, { status: this.status, headers: this.headers, text, callers: 1, made: undefined });
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.budget.inFlight = undefined;
    this.controller = undefined;
    this.done(error, undefined);
  }
}

/** How a dispatch ends: undici's error (or AnswerTooLarge), or the whole answer. Called once, maybe before `dispatchTo` returns. */
export type AnswerCallback = (error: Error | undefined, answer: WholeAnswer | undefined) => void;

/** Sends one request and calls `done` with its whole answer or its failure. */
export function dispatchTo(pool: Pool, options: Dispatcher.DispatchOptions, budget: Budget, maxBytes: number, done: AnswerCallback): void {
  if (budget.aborted) done(new undiciErrors.RequestAbortedError(), undefined);
  else pool.dispatch(options, new WholeResponse(budget, maxBytes, done));
}

/** Sends one request and resolves with its whole answer; rejects with undici's error, or AnswerTooLarge. */
export function dispatchWhole(pool: Pool, options: Dispatcher.DispatchOptions, budget: Budget, maxBytes: number): Promise<WholeAnswer> {
  return new Promise<WholeAnswer>((resolve, reject) => {
    dispatchTo(pool, options, budget, maxBytes, (error, answer) => (answer ? resolve(answer) : reject(error)));
  });
}

const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The system or undici code of a failure, looking through its causes. */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
  return errorCode(cause) ?? (typeof code === 'string' ? code : undefined);
}

/**
 * The typed error for an attempt that got no answer: a timeout (the budget ran out) or an outage. A write
 * that may have left is of unknown outcome; only a connection that was never made means "not sent".
 */
export function noAnswer(
  upstream: string,
  error: unknown,
  options: { timedOut: boolean; write: boolean; timeoutMs: number },
): UpstreamError {
  const code = errorCode(error);
  const notSent = code !== undefined && (notSentCodes.has(code) || error instanceof undiciErrors.ConnectTimeoutError);
  const outcomeUnknown = options.write && !notSent;
  const unknownNote = outcomeUnknown ? '; the request may have been applied, so it was not sent again' : '';
  const details = { outcomeUnknown, requestSent: !notSent, cause: error };
  if (options.timedOut) {
    return new UpstreamError(
      'UPSTREAM_TIMEOUT',
      upstream,
      `${upstream} did not answer within ${options.timeoutMs} ms${unknownNote}`,
      details,
    );
  }
  const reason =
    code === 'ECONNREFUSED'
      ? 'refused the connection'
      : code === 'ECONNRESET' || code === 'UND_ERR_SOCKET'
        ? 'closed the connection'
        : 'could not be reached';
  return new UpstreamError('UPSTREAM_UNAVAILABLE', upstream, `${upstream} ${reason}${unknownNote}`, details);
}
