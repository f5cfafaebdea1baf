// What a call to an upstream is made of: its method, its documented path, query, body and headers, and
// which of the request's remembered reads a write changes; and what a request's view of the upstreams holds.
import type { RequestTrace } from '../../telemetry.js';
import type { UpstreamCallLog } from './call-log.js';
import type { CallAllowance } from './memo.js';
import type { UpstreamPath } from './path.js';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

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

export interface RequestOptions {
  /** Remember the request's reads (default); off for long-lived callers such as an order's poller. */
  memo?: boolean;
  /** The operation's calls left; none: no limit (an order's poller). */
  allowance?: CallAllowance | undefined;
  /** Where the request's calls are summed. */
  calls?: UpstreamCallLog;
  /** With tracing on: where each call finds its operation's span. */
  trace?: RequestTrace | undefined;
  /** Called before each write of the request, so what the request remembers elsewhere (its loaders) is forgotten too. */
  onWrite?: (() => void) | undefined;
}

/** The usual credential header of an upstream with Basic authentication. */
export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The user and password of a Basic authorization header, or undefined when it is not one. */
export function basicCredentials(header: string | null | undefined): { user: string; password: string } | undefined {
  if (!header?.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The query string of a request's query, or '' when it has none. */
export function queryString(query: NonNullable<UpstreamRequest['query']>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, String(value));
  return search.size > 0 ? `?${search.toString()}` : '';
}
