// Read responses answered from the response cache (RESPONSE_CACHE_TTL_MS), at execution: after the context,
// and so the caller's token, has been checked; never at the request's arrival, as Yoga's own plugin does.
import { createHash } from 'node:crypto';
import { type Cache, useResponseCache } from '@envelop/response-cache';
import type { Plugin } from 'graphql-yoga';
import type { Principal } from '../auth.js';

/** Who a cached answer is for: the caller's subject and scopes, so one caller never gets another's answer (apollo-server#4486). */
function sessionOf(principal: Principal): string {
  return createHash('sha256')
    .update(`${principal.subject ?? ''}\n${[...principal.scopes].sort().join(' ')}`)
    .digest('base64url');
}

/** Live calls and disconnect orders change without any write through the gateway: they are never cached. */
export function useCachedReads(cache: Cache, ttlMs: number): Plugin<{ principal: Principal }> {
  const plugin = useResponseCache<{ principal: Principal }>({
    cache,
    ttl: ttlMs,
    ttlPerSchemaCoordinate: { PhoneCall: 0, DisconnectOrder: 0, HangUpCallsPayload: 0, PendingDisconnectOrder: 0 },
    session: (context) => sessionOf(context.principal),
    // An answer with errors is not kept (the plugin's default says so on stderr for each one, past our logger).
    shouldCacheResult: ({ result }) => !result.errors?.length,
    includeExtensionMetadata: false,
  });
  return plugin as Plugin<{ principal: Principal }>;
}
