// With GraphiQL off (production's default), a browser that opens /graphql would get Yoga's bare 406.
// It gets a short text instead: what is off, and how to query. Only a page load is answered so (an
// HTML Accept and no query); a GET that carries a query is GraphQL over HTTP as before.
import type { Plugin } from 'graphql-yoga';

const notice = `GraphiQL is off on this gateway (GRAPHIQL=false, the default in production).
Send GraphQL as POST /graphql with Content-Type: application/json, for example:

  curl -H 'content-type: application/json' -H 'authorization: Bearer <token>' \\
    -d '{"query":"{ __typename }"}' <this address>/graphql
`;

export function useGraphiQLOff(endpoint: string): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || url.pathname !== endpoint || url.searchParams.has('query')) return;
      if (!request.headers.get('accept')?.includes('text/html')) return;
      endResponse(new fetchAPI.Response(notice, { status: 406, headers: { 'content-type': 'text/plain; charset=utf-8' } }));
    },
  };
}
