// The response cache (RESPONSE_CACHE_TTL_MS): reads answered from a cache per caller, in process or in
// Redis with REDIS_URL (shared by every instance), and dropped by the gateway's own writes. It answers
// only after the caller is authenticated: it sits at execution, after the context (and the token check)
// is built, never at the request's arrival as Yoga's own response-cache plugin does.
import { createHash } from 'node:crypto';
import type { Cache } from '@envelop/response-cache';
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Principal } from './auth.js';
import type { Context } from './context.js';
import { UpstreamError } from './errors.js';
import { operationOf } from './plugins/operation.js';

/** The GraphQL types whose cached responses a write can make stale. */
export type CachedType = 'Customer' | 'CustomerPhone' | 'PhoneNumber' | 'Contact' | 'CarrierNumber';

export interface ResponseCache {
  cache: Cache;
  /** The Yoga plugins that answer from the cache and validate what a client holds (ETag). */
  plugins: Plugin<Context>[];
}

/** Who a cached answer is for: the caller's subject and scopes, so one caller never gets another's answer (apollo-server#4486). */
function sessionOf(principal: Principal): string {
  return createHash('sha256')
    .update(`${principal.subject ?? ''}\n${[...principal.scopes].sort().join(' ')}`)
    .digest('base64url');
}

/**
 * Loaded only when RESPONSE_CACHE_TTL_MS is set. Live calls and disconnect orders change without any
 * write through the gateway: they are never cached.
 */
export async function createResponseCache(ttlMs: number | undefined, redis: Redis | undefined): Promise<ResponseCache | undefined> {
  if (ttlMs === undefined) return undefined;
  const { createInMemoryCache, useResponseCache } = await import('@envelop/response-cache');
  const cache = redis ? (await import('@envelop/response-cache-redis')).createRedisCache({ redis }) : createInMemoryCache();
  const plugin = useResponseCache<Context>({
    cache,
    ttl: ttlMs,
    ttlPerSchemaCoordinate: { PhoneCall: 0, DisconnectOrder: 0, HangUpCallsPayload: 0, PendingDisconnectOrder: 0 },
    session: (context) => sessionOf(context.principal),
    // An answer with errors is not kept (the plugin's default says so on stderr for each one, past our logger).
    shouldCacheResult: ({ result }) => !result.errors?.length,
    includeExtensionMetadata: false,
  });
  return { cache, plugins: [plugin as Plugin<Context>, useEntityTags()] };
}

/**
 * ETag on every query's JSON answer: a digest of the body served, so it changes when the content does. A
 * client revalidating with `If-None-Match` is answered 304 only when the body it would get now is the
 * same, and only once it has been authenticated and the operation has run under its scopes.
 */
function useEntityTags(): Plugin<Context> {
  const queries = new WeakSet<Request>();
  return {
    onExecute({ args }) {
      if (operationOf(args).type === 'query') queries.add(args.contextValue.request);
    },
    async onResponse({ request, response, setResponse, fetchAPI }) {
      if (!queries.has(request) || response.status !== 200 || !/json/.test(response.headers.get('content-type') ?? '')) return;
      const body = await response.text();
      const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
      const held = request.headers
        .get('if-none-match')
        ?.split(',')
        .map((tag) => tag.trim().replace(/^W\//, ''));
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('etag', etag);
      if (held?.includes(etag)) {
        headers.delete('content-type');
        headers.delete('content-length');
        setResponse(new fetchAPI.Response(null, { status: 304, headers }));
      } else {
        setResponse(new fetchAPI.Response(body, { status: 200, headers }));
      }
    },
  };
}

/**
 * Drops every cached response that holds an entity of these types, on every instance (the cache is
 * shared through Redis). By type, not by id: a response that did not select an entity's id is indexed
 * by its type alone, and a stale answer after our own write is worse than a few re-reads.
 */
export async function invalidateCached(responseCache: ResponseCache | undefined, types: CachedType[]): Promise<void> {
  await responseCache?.cache.invalidate(types.map((typename) => ({ typename })));
}

/**
 * Runs a write, then drops the cached responses of these types: after it succeeded, and after it failed
 * with its outcome unknown, since it may have been applied. A write refused for certain changed nothing.
 */
export async function invalidating<T>(responseCache: ResponseCache | undefined, types: CachedType[], write: () => Promise<T>): Promise<T> {
  try {
    const result = await write();
    await invalidateCached(responseCache, types);
    return result;
  } catch (error) {
    if (error instanceof UpstreamError && error.outcomeUnknown) await invalidateCached(responseCache, types);
    throw error;
  }
}
