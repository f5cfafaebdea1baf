// One attempt of a call: the request as sent (credentials, request id, traceparent), its whole answer
// within the budget, redacted before anything reads it, and what the attempt leaves in traces, metrics and
// logs; or the typed error for an answer too long, or for none.
import type { Pool } from 'undici';
import type { Budget } from './budget.js';
import type { ReadsInFlight, SharedRead } from './coalesce.js';
import { AnswerTooLarge, dispatchWhole, errorCode, noAnswer, type WholeAnswer } from './dispatch.js';
import { badResponse, type UpstreamResponse } from './errors.js';
import { type FinishAttempt, type Observers, observeAttempt, type RequestObservers } from './instrumentation.js';
import type { ReadMemo } from './memo.js';
import type { UpstreamRequest } from './request.js';

/** What an attempt needs of its upstream. */
export interface AttemptParts {
  upstream: string;
  pool: Pool;
  /** The base URL's path, prefixed to every request's. */
  prefix: string;
  timeoutMs: number;
  headers: Record<string, string>;
  observers: Observers;
  redact: (text: string) => string;
  maxBodyBytes: number;
  /** Reads in flight that an identical read joins; undefined when coalescing is off. */
  inFlight: ReadsInFlight | undefined;
}

/** What an attempt needs of the request it is made for: who it is, and what it wrote (see ReadMemo.mayJoin). */
export interface AttemptScope extends RequestObservers {
  memo: ReadMemo | undefined;
}

/**
 * An answer as its callers get it. An answer that went to several callers (they joined one read) is one
 * object for all of them, so what they make of it is made once: `reading` holds the first caller's (see
 * UpstreamHttp).
 */
export interface AttemptAnswer extends UpstreamResponse {
  /** Other callers get this same answer. */
  readonly shared: boolean;
  reading: { value: unknown } | undefined;
}

/**
 * The answer redacted, once for all its callers. Only an answer with several callers keeps what was made of
 * it: the answer may be held a while by a promise that waited across a young-generation collection, and a
 * reading hung on every answer went with it into the old generation (promotion 4 x, a call's CPU nearly 2 x).
 */
function attemptAnswer(answer: WholeAnswer, redact: (text: string) => string): AttemptAnswer {
  const shared = answer.callers > 1;
  const known = shared ? (answer.made as AttemptAnswer | undefined) : undefined;
  if (known) return known;
  const contentType = answer.headers['content-type'];
  const mediaType = (Array.isArray(contentType) ? contentType[0] : contentType)?.split(';')[0]?.trim().toLowerCase() ?? '';
  const made: AttemptAnswer = {
    status: answer.status,
    headers: answer.headers,
    mediaType,
    text: redact(answer.text),
    shared,
    reading: undefined,
  };
  if (shared) answer.made = made;
  return made;
}

/** One attempt of a call: its request, the path with its query string, the call's budget, which attempt, and the read in flight it joins, if any. */
export interface AttemptOf {
  request: UpstreamRequest;
  target: string;
  budget: Budget;
  number: number;
  /** Only a read joins one in flight (ReadsInFlight.joinable): a write is one intent, sent by the caller that has it. */
  joined: SharedRead | undefined;
}

/** Sends one attempt (or waits for the read it joined) and hands its answer to `read`; a failure to get one is the upstream's typed error. */
export async function sendAttempt<T>(
  shared: AttemptParts,
  scope: AttemptScope,
  { request, target, budget, number, joined }: AttemptOf,
  read: (answer: AttemptAnswer) => T,
): Promise<T> {
  const write = request.method !== 'GET';
  const attempt = { upstream: shared.upstream, method: request.method, template: request.path.template, number };
  // A joiner sends nothing, so it builds no request of its own.
  const reads = write ? undefined : shared.inFlight;
  let finish: FinishAttempt;
  let answer: Promise<WholeAnswer>;
  if (joined) {
    finish = observeAttempt(attempt, undefined, shared.observers, scope);
    answer = joined.wait(budget);
  } else {
    const headers: Record<string, string> = { ...shared.headers, ...request.headers };
    if (scope.requestId) headers['x-request-id'] = scope.requestId;
    if (request.body) headers['content-type'] = request.body.contentType;
    finish = observeAttempt(attempt, headers, shared.observers, scope);
    const options = { method: request.method, path: shared.prefix + target, headers, body: request.body?.text };
    answer = reads ? reads.send(target, options).wait(budget) : dispatchWhole(shared.pool, options, budget, shared.maxBodyBytes);
  }
  let whole: WholeAnswer;
  try {
    whole = await answer;
  } catch (error) {
    if (error instanceof AnswerTooLarge) {
      finish('too_large', error.status, 'ANSWER_TOO_LARGE');
      throw badResponse(shared.upstream, `its answer is longer than ${shared.maxBodyBytes} bytes`, error.status, write);
    }
    const failure = noAnswer(shared.upstream, error, { timedOut: budget.aborted, write, timeoutMs: shared.timeoutMs });
    finish(joined ? 'joined' : failure.code === 'UPSTREAM_TIMEOUT' ? 'timeout' : 'unavailable', undefined, errorCode(error));
    throw failure;
  }
  finish(joined ? 'joined' : `${Math.floor(whole.status / 100)}xx`, whole.status);
  return read(attemptAnswer(whole, shared.redact));
}
