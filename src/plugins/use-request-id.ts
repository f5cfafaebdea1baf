// Every request gets an id, in the manner of Hive Gateway's useRequestId: the caller's x-request-id when it
// is a sane token, else a new one. It is read once when the request arrives, put on the context (so it goes
// to every upstream call the request causes and onto its log lines) and returned in the response.
import { randomUUID } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';
import { perObject } from '../per-object.js';

const header = 'x-request-id';
const acceptable = /^[\w.:-]{1,128}$/;

/** The request's id, as the plugin read or made it when the request arrived. */
export const requestIdOf = perObject((request: Request): string => {
  const given = request.headers.get(header);
  return given !== null && acceptable.test(given) ? given : randomUUID();
});

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
