// Reading an upstream's answer: the status a call expects, the body checked against the contract's
// shape, and every failure turned into the upstream's typed error.
import type { z } from 'zod';
import type { UpstreamError } from '../../errors.js';
import { badResponse, failureError, type ReadFailure, type UpstreamResponse } from './errors.js';

const jsonTypes = /^application\/([\w.+-]+\+)?json$/;

/** An error body of the given shape, or undefined: a failure is reported by its status even when its body is junk. */
export function readErrorBody<S extends z.ZodType>(response: UpstreamResponse, schema: S): z.infer<S> | undefined {
  try {
    const checked = schema.safeParse(JSON.parse(response.text));
    return checked.success ? checked.data : undefined;
  } catch {
    return undefined;
  }
}

/** Which statuses a call takes as its answer: one, or any 2xx. */
export type Expected = number | 'success';

/**
 * One upstream answer, read in the upstream's name: a client says what it expects ("200, with this
 * shape") and gets the value, or the error its upstream's dialect makes of the answer.
 */
export class UpstreamReply implements UpstreamResponse {
  readonly status: number;
  readonly headers: UpstreamResponse['headers'];
  readonly mediaType: string;
  readonly text: string;

  constructor(
    readonly upstream: string,
    response: UpstreamResponse,
    private readonly readFailure: ReadFailure | undefined,
    /** The answer is to a write: a failure that does not say it was refused leaves the write's outcome unknown. */
    readonly write = false,
  ) {
    this.status = response.status;
    this.headers = response.headers;
    this.mediaType = response.mediaType;
    this.text = response.text;
  }

  /** Any 2xx: the seeds name no status for most writes, and upstreams vary (200, 201, 204). */
  get succeeded(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get empty(): boolean {
    return this.text.trim() === '';
  }

  /** The error this answer means, in the upstream's dialect (its error body), else by its status. */
  failure(): UpstreamError {
    return failureError(this.upstream, this, this.readFailure?.(this), this.write);
  }

  /** The answer is outside the contract. */
  bad(problem: string): UpstreamError {
    return badResponse(this.upstream, problem, this.status, this.write);
  }

  /** Throws the failure unless the status is the expected one. */
  expect(expected: Expected = 'success'): this {
    if (expected === 'success' ? !this.succeeded : this.status !== expected) throw this.failure();
    return this;
  }

  /** The body as JSON of the contract's shape, after `expect`. */
  json<S extends z.ZodType>(schema: S, expected: Expected = 200): z.infer<S> {
    this.expect(expected);
    return this.parse(schema);
  }

  /** The body as JSON of the contract's shape, whatever the status. */
  parse<S extends z.ZodType>(schema: S): z.infer<S> {
    if (this.mediaType !== '' && !jsonTypes.test(this.mediaType)) throw this.bad(`expected JSON, got ${this.mediaType}`);
    let value: unknown;
    try {
      value = JSON.parse(this.text);
    } catch {
      throw this.bad(this.text === '' ? 'empty body' : 'body is not valid JSON');
    }
    const checked = schema.safeParse(value);
    if (!checked.success) {
      const issue = checked.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
      throw this.bad(`unexpected shape${where}`);
    }
    return checked.data;
  }

  /** The last path segment of Location: the id of what a POST created. */
  locationId(): string | undefined {
    const location = this.headers.location;
    if (typeof location !== 'string') return undefined;
    const segment = location.split(/[?#]/)[0]?.split('/').filter(Boolean).pop();
    return segment === undefined ? undefined : decodeURIComponent(segment);
  }
}
