// CSRF prevention as Yoga's plugin does it (a "simple" cross-site request must carry a header only a
// preflighted request can), with one exception: a GET that asks for an event stream of a subscription,
// which is how GraphiQL and routers such as Hive Gateway open subscriptions. It cannot change anything
// (subscriptions here only read, and GET never runs a mutation), and with AUTH_JWT_SECRET it still needs
// a bearer token, which a cross-site page cannot attach.
import { getOperationAST, parse } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const simpleContentTypes = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

function isSubscriptionStream(request: Request): boolean {
  if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/event-stream')) return false;
  const params = new URL(request.url).searchParams;
  const query = params.get('query');
  if (!query) return false;
  try {
    return getOperationAST(parse(query), params.get('operationName'))?.operation === 'subscription';
  } catch {
    return false;
  }
}

export function useCsrfPrevention(requestHeaders: string[]): Plugin {
  return {
    onRequestParse({ request }) {
      const contentType = request.headers.get('content-type')?.toLowerCase();
      if (contentType && !simpleContentTypes.some((simple) => contentType.startsWith(simple))) return;
      if (requestHeaders.some((header) => request.headers.has(header))) return;
      if (isSubscriptionStream(request)) return;
      throw createGraphQLError('Required CSRF header(s) not present', { extensions: { http: { status: 403 } } });
    },
  };
}
