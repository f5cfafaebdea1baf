// ETags for cached reads (with RESPONSE_CACHE_TTL_MS): a digest of the body served, so it changes when the
// content does, and a 304 only after the caller is authenticated and the operation ran under its scopes.
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { operationOf } from './operation.js';

/**
 * ETag on every query's JSON answer: a digest of the body served, so it changes when the content does. A
 * client revalidating with `If-None-Match` is answered 304 only when the body it would get now is the
 * same, and only once it has been authenticated and the operation has run under its scopes.
 */
export function useEntityTags(): Plugin<{ request: Request }> {
  const queries = new WeakSet<Request>();
  return {
    onExecute({ args }) {
      if (operationOf(args).type === 'query') queries.add(args.contextValue.request);
    },
    // Synchronous for every other response: a promise here puts every later response hook behind promise reactions.
    onResponse({ request, response, setResponse, fetchAPI }) {
      if (!queries.has(request) || response.status !== 200 || !/json/.test(response.headers.get('content-type') ?? '')) return undefined;
      return response.text().then((body) => {
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
      });
    },
  };
}
