// CSRF prevention for what it exists to stop: a cross-site page can send a "simple" POST (a form, or
// text/plain) without a preflight, so such a POST must carry a header only a preflighted request can
// (x-graphql-yoga-csrf or apollo-require-preflight). A GET needs none: it never runs a mutation (Yoga
// answers 405), so clients that query over GET by default (urql) and GraphiQL or routers opening a
// subscription as an event stream work as their authors ship them; and credentials are a bearer token,
// which a cross-site page cannot attach.
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
