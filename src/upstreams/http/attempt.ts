// One attempt of a call: the request as sent (credentials, request id, traceparent), its whole answer
// within the budget, redacted before anything reads it, and what the attempt leaves in traces, metrics and
// logs; or the typed error for an answer too long, or for none.
import type { Pool } from 'undici';
import type { Budget } from './budget.js';
import type { ReadsInFlight } from './coalesce.js';
import { AnswerTooLarge, dispatchWhole, errorCode, noAnswer, type WholeAnswer } from './dispatch.js';
import { badResponse, type UpstreamResponse } from './errors.js';
import { type Observers, observeAttempt, type RequestObservers } from './instrumentation.js';
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
 * An answer as its callers get it. The answer to a read is one object for every caller that joined the
 * read, so what they make of it is made once: `reading` holds the first caller's (see UpstreamHttp).
 */
export interface AttemptAnswer extends UpstreamResponse {
  /** Other callers get this same answer (it came from a read that may be joined). */
  readonly shared: boolean;
  reading: { value: unknown } | undefined;
}

/** A read's answer as each of its callers gets it, redacted once; it goes when the last caller lets go of the answer. */
const sharedAnswers = new WeakMap<WholeAnswer, AttemptAnswer>();

function attemptAnswer(answer: WholeAnswer, redact: (text: string) => string, shared: boolean): AttemptAnswer {
  const known = shared ? sharedAnswers.get(answer) : undefined;
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
  if (shared) sharedAnswers.set(answer, made);
  return made;
}

export async function sendAttempt(
  shared: AttemptParts,
  scope: AttemptScope,
  request: UpstreamRequest,
  target: string,
  budget: Budget,
  number: number,
): Promise<AttemptAnswer> {
  const write = request.method !== 'GET';
  const headers: Record<string, string> = { ...shared.headers, ...request.headers };
  if (scope.requestId) headers['x-request-id'] = scope.requestId;
  if (request.body) headers['content-type'] = request.body.contentType;
  const finish = observeAttempt(
    { upstream: shared.upstream, method: request.method, template: request.path.template, number },
    headers,
    shared.observers,
    scope,
  );
  const options = { method: request.method, path: shared.prefix + target, headers, body: request.body?.text };
  // Only reads are joined: a write is one intent, sent by the caller that has it.
  const read = write
    ? undefined
    : shared.inFlight?.read(target, options, budget, (sequence) => scope.memo?.mayJoin(target, sequence) ?? true);
  try {
    const answer = await (read ? read.answer : dispatchWhole(shared.pool, options, budget, shared.maxBodyBytes));
    finish(read?.joined ? 'joined' : `${Math.floor(answer.status / 100)}xx`, answer.status);
    return attemptAnswer(answer, shared.redact, read !== undefined);
  } catch (error) {
    if (error instanceof AnswerTooLarge) {
      finish('too_large', error.status, 'ANSWER_TOO_LARGE');
      throw badResponse(shared.upstream, `its answer is longer than ${shared.maxBodyBytes} bytes`, error.status, write);
    }
    const failure = noAnswer(shared.upstream, error, { timedOut: budget.aborted, write, timeoutMs: shared.timeoutMs });
    finish(read?.joined ? 'joined' : failure.code === 'UPSTREAM_TIMEOUT' ? 'timeout' : 'unavailable', undefined, errorCode(error));
    throw failure;
  }
}
