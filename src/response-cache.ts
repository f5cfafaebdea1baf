// The response cache (RESPONSE_CACHE_TTL_MS): reads answered from a cache per caller, in process or in
// Redis with REDIS_URL (shared by every instance), and dropped by the gateway's own writes. It answers
// only after the caller is authenticated: it sits at execution, after the context (and the token check)
// is built, never at the request's arrival as Yoga's own response-cache plugin does.
import { createHash } from 'node:crypto';
import type { Cache } from '@envelop/response-cache';
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Principal } from './auth.js';
import { UpstreamError } from './errors.js';

/** The GraphQL types whose cached responses a write can make stale. */
export type CachedType = 'Customer' | 'CustomerPhone' | 'PhoneNumber' | 'Contact' | 'CarrierNumber';

export interface ResponseCache {
  cache: Cache;
  /** The plugin that answers from the cache, at execution. */
  plugin: Plugin<{ principal: Principal }>;
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
  const plugin = useResponseCache<{ principal: Principal }>({
    cache,
    ttl: ttlMs,
    ttlPerSchemaCoordinate: { PhoneCall: 0, DisconnectOrder: 0, HangUpCallsPayload: 0, PendingDisconnectOrder: 0 },
    session: (context) => sessionOf(context.principal),
    // An answer with errors is not kept (the plugin's default says so on stderr for each one, past our logger).
    shouldCacheResult: ({ result }) => !result.errors?.length,
    includeExtensionMetadata: false,
  });
  return { cache, plugin: plugin as Plugin<{ principal: Principal }> };
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
