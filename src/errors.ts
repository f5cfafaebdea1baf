// The gateway's typed errors: each carries a stable `extensions.code` a client can switch on.
import { GraphQLError } from 'graphql';

const errorCodes = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_BAD_RESPONSE',
  'OVERLOADED',
  'QUERY_LIMIT_EXCEEDED',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface UpstreamErrorDetails {
  upstreamCode?: string | undefined;
  /** HTTP status the upstream answered with, when it answered. */
  status?: number | undefined;
  /** True when a write may or may not have been applied (sent, then no complete answer). */
  outcomeUnknown?: boolean | undefined;
  /** False when the request certainly never reached the upstream (connection refused), so even a write may be sent again. */
  requestSent?: boolean | undefined;
  /** How long the upstream asked us to wait before trying again (Retry-After). */
  retryAfterMs?: number | undefined;
  /** Extra, non-secret facts for the caller (e.g. the current version on a conflict). */
  extensions?: Record<string, unknown> | undefined;
  cause?: unknown;
}

/**
 * A failure that one upstream caused; `extensions.upstream` names it. Its `name` stays 'GraphQLError':
 * Yoga recognises expected errors by that name and masks everything else.
 */
export class UpstreamError extends GraphQLError {
  readonly code: ErrorCode;
  readonly upstream: string;
  readonly upstreamCode: string | undefined;
  readonly status: number | undefined;
  readonly outcomeUnknown: boolean;
  readonly requestSent: boolean;
  readonly retryAfterMs: number | undefined;
  /** Set by the HTTP layer where the failure happened: how long to wait before trying this call again, or undefined if it may not be. */
  retryInMs: number | undefined;

  constructor(code: ErrorCode, upstream: string, message: string, details: UpstreamErrorDetails = {}) {
    // No `originalError`: Yoga masks a GraphQLError that wraps a non-GraphQL error, and this one is meant to be seen.
    super(message, {
      extensions: {
        code,
        upstream,
        ...(details.upstreamCode !== undefined ? { upstreamCode: details.upstreamCode } : {}),
        ...(details.outcomeUnknown ? { outcomeUnknown: true } : {}),
        ...details.extensions,
      },
    });
    this.code = code;
    this.upstream = upstream;
    this.upstreamCode = details.upstreamCode;
    this.status = details.status;
    this.outcomeUnknown = details.outcomeUnknown ?? false;
    this.requestSent = details.requestSent ?? true;
    this.retryAfterMs = details.retryAfterMs;
    if (details.cause !== undefined) Object.defineProperty(this, 'cause', { value: details.cause, enumerable: false });
  }
}

/** The read's value, or null when its upstream says the thing does not exist (NOT_FOUND); other failures go on. */
export async function nullWhenNotFound<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UpstreamError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

/** An argument the caller gave is invalid; the message names the argument. */
export class BadUserInputError extends GraphQLError {
  constructor(argument: string, problem: string) {
    super(`Argument "${argument}" ${problem}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
  }
}

/** The same upstream failure, with what had already been done before it, so the caller can resume. */
export function withProgress(error: unknown, note: string, extensions: Record<string, unknown>): unknown {
  if (!(error instanceof UpstreamError)) return error;
  return new UpstreamError(error.code, error.upstream, `${error.message} (${note})`, {
    upstreamCode: error.upstreamCode,
    status: error.status,
    outcomeUnknown: error.outcomeUnknown,
    extensions: { ...error.extensions, ...extensions },
    cause: error,
  });
}
