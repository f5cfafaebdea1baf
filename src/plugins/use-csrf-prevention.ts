// A fork of @graphql-yoga/plugin-csrf-prevention (useCSRFPrevention). Same rule for POSTs: one a cross-site
// page can send without a preflight (a form, text/plain, or no content type) must carry a header only a
// preflighted request can (x-graphql-yoga-csrf or apollo-require-preflight). What differs: the original
// also demands the header on every GET; this one lets GETs through, since a GET never runs a mutation
// (405, and compiled queries are chosen by operation name too) and credentials are a bearer token a
// cross-site page cannot attach. So urql's GET queries, and GraphiQL's and routers' GET event streams for
// subscriptions, work as their authors ship them.
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const simpleContentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export function useCsrfPrevention(requestHeaders: string[]): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST') return;
      const contentType = request.headers.get('content-type')?.toLowerCase();
      if (contentType && !simpleContentTypes.some((simple) => contentType.startsWith(simple))) return;
      if (requestHeaders.some((header) => request.headers.has(header))) return;
      throw createGraphQLError('Required CSRF header(s) not present', { extensions: { http: { status: 403 } } });
    },
  };
}
