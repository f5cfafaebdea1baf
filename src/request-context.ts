// The request id of the GraphQL request being served, available to everything it causes (upstream
// calls included) without passing it by hand through resolvers and loaders.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export interface RequestContext {
  requestId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

const acceptable = /^[\w.:-]{1,128}$/;

/** The caller's x-request-id when it is a sane token, else a new one. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given !== undefined && acceptable.test(given) ? given : randomUUID();
}
