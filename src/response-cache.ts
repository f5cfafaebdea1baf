// The response cache (RESPONSE_CACHE_TTL_MS): reads answered from a cache per caller, in process or in
// Redis with REDIS_URL (shared by every instance), and dropped by the gateway's own writes. The plugin
// that answers from it is plugins/use-cached-reads.ts.
import type { Cache } from '@envelop/response-cache';
import type { Plugin } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Principal } from './auth.js';
import { UpstreamError } from './errors.js';

/** The GraphQL types whose cached responses a write can make stale. */
export const cachedTypes = ['Customer', 'CustomerPhone', 'PhoneNumber', 'Contact', 'CarrierNumber'] as const;
export type CachedType = (typeof cachedTypes)[number];

export interface ResponseCache {
  cache: Cache;
  /** The plugin that answers from the cache, at execution. */
  plugin: Plugin<{ principal: Principal }>;
}

/** Loaded only when RESPONSE_CACHE_TTL_MS is set. */
export async function createResponseCache(ttlMs: number | undefined, redis: Redis | undefined): Promise<ResponseCache | undefined> {
  if (ttlMs === undefined) return undefined;
  const { createInMemoryCache } = await import('@envelop/response-cache');
  const { useCachedReads } = await import('./plugins/use-cached-reads.js');
  const cache = redis ? (await import('@envelop/response-cache-redis')).createRedisCache({ redis }) : createInMemoryCache();
  return { cache, plugin: useCachedReads(cache, ttlMs) };
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
