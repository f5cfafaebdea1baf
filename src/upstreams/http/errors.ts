// From an upstream's answer to a typed error: by status, unless the upstream's own dialect says more.
import { type ErrorCode, UpstreamError } from '../../errors.js';

export interface UpstreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The media type without parameters, lower case; '' when absent. */
  mediaType: string;
  text: string;
}

/**
 * What an upstream's error body says, in its own dialect: its code, its words, extra facts for the
 * caller, and (rarely) a gateway error code that the status alone would get wrong.
 */
export interface FailureReading {
  upstreamCode?: string | undefined;
  detail?: string | undefined;
  extensions?: Record<string, unknown> | undefined;
  code?: ErrorCode | undefined;
  message?: string | undefined;
  /** The dialect says the request was refused whole, whatever the status (the Contacts envelope's errorCode). */
  notApplied?: boolean | undefined;
}

/** A client's error dialect: how to read a failed answer's body. Registered once per upstream. */
export type ReadFailure = (response: UpstreamResponse) => FailureReading | undefined;

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

/**
 * Whether a write that got this answer certainly was not applied: a 4xx (429 included) or a 503 says so,
 * and so does a dialect that tells a refusal whole. A 500, 502, 504 or any other answer does not: the
 * upstream (or a proxy before it) may have applied it before failing.
 */
function notApplied(status: number, reading?: FailureReading): boolean {
  return (status >= 400 && status < 500) || status === 503 || reading?.notApplied === true;
}

const unknownNote = '; the write may have been applied, so it was not sent again';

/**
 * The error for a failed answer: the dialect's reading where it names a code, else the status's. For a
 * write whose answer does not say it was refused, the error says its outcome is unknown.
 */
export function failureError(upstream: string, response: UpstreamResponse, reading: FailureReading = {}, write = false): UpstreamError {
  const { status } = response;
  const outcomeUnknown = write && !notApplied(status, reading);
  const details = { status, upstreamCode: reading.upstreamCode, extensions: reading.extensions, outcomeUnknown };
  const unknown = outcomeUnknown ? unknownNote : '';
  if (reading.code) return new UpstreamError(reading.code, upstream, (reading.message ?? `${upstream} failed`) + unknown, details);
  const suffix = (reading.detail ? `: ${reading.detail}` : '') + unknown;
  if (status === 400 || status === 422)
    return new UpstreamError('BAD_USER_INPUT', upstream, `${upstream} refused the input${suffix}`, details);
  if (status === 401) return new UpstreamError('UNAUTHENTICATED', upstream, `${upstream} refused the gateway's credentials`, details);
  if (status === 403) return new UpstreamError('FORBIDDEN', upstream, `${upstream} does not allow this${suffix}`, details);
  if (status === 404) return new UpstreamError('NOT_FOUND', upstream, `${upstream} does not know it${suffix}`, details);
  if (status === 429 || status >= 500) {
    return new UpstreamError('UPSTREAM_UNAVAILABLE', upstream, `${upstream} is unavailable (HTTP ${status})${unknown}`, {
      ...details,
      retryAfterMs: retryAfterMs(response.headers),
    });
  }
  if (status < 400 && reading.upstreamCode !== undefined) {
    // An error code in a successful-looking answer (the Contacts envelope on HTTP 200) that the dialect does not know.
    return new UpstreamError(
      'UPSTREAM_BAD_RESPONSE',
      upstream,
      `${upstream} reported an unknown failure ${reading.upstreamCode}${suffix}`,
      details,
    );
  }
  return badResponse(upstream, `answered with unexpected HTTP ${status}`, status, write);
}

/** An answer outside the contract; to a write that it does not refuse, its outcome is unknown. */
export function badResponse(upstream: string, problem: string, status?: number, write = false): UpstreamError {
  const outcomeUnknown = write && (status === undefined || !notApplied(status));
  return new UpstreamError(
    'UPSTREAM_BAD_RESPONSE',
    upstream,
    `${upstream} sent an answer outside its contract: ${problem}${outcomeUnknown ? unknownNote : ''}`,
    { status, outcomeUnknown },
  );
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is stripped
const controlCharacters = /[\u0000-\u001f\u007f]+/g;

/** Keeps an upstream's own words short and printable before they reach a caller. */
export function upstreamWords(text: unknown): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const clean = text.replace(controlCharacters, ' ').trim();
  return clean.length > 200 ? `${clean.slice(0, 197)}...` : clean;
}
