// Every request gets an id, in the manner of Hive Gateway's useRequestId: the caller's x-request-id when it
// is a sane token, else a new one. It is read once when the request arrives, put on the context (so it goes
// to every upstream call the request causes and onto its log lines) and returned in the response.
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

const header = 'x-request-id';
const acceptable = /^[\w.:-]{1,128}$/;
/** Where the id is kept on the request: a property no key list or spread sees, not a WeakMap entry (see RequestLoaders). */
const idSlot = Symbol('requestId');

/** The request's id, as the plugin read or made it when the request arrived. */
export function requestIdOf(request: Request): string {
  const held = request as Request & { [idSlot]?: string };
  let id = held[idSlot];
  if (id === undefined) {
    const given = request.headers.get(header);
    id = given !== null && acceptable.test(given) ? given : randomUUID();
    Object.defineProperty(request, idSlot, { value: id });
  }
  return id;
}

export function useRequestId(): Plugin {
  return {
    onRequest({ request }) {
      requestIdOf(request);
    },
    onResponse({ request, response }) {
      response.headers.set(header, requestIdOf(request));
    },
  };
}
