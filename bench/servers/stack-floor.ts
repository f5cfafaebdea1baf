// The stack floor: graphql-yoga with a plain SDL schema and resolvers calling undici; no plugins, no
// dataloader (a per-request map keeps the calls to the gateway's minimum). What the stack costs alone.
import { createServer } from 'node:http';
import { createSchema, createYoga } from 'graphql-yoga';
import { type Reads, resolvers, typeDefs } from './schema.js';
import { announce, carrierLookups, upstreamCalls } from './upstream-calls.js';

const calls = upstreamCalls();

/** A request's reads, each path once. */
function requestReads(): Reads {
  const once = new Map<string, Promise<unknown>>();
  const memo = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    let found = once.get(key) as Promise<T> | undefined;
    if (!found) {
      found = read();
      once.set(key, found);
    }
    return found;
  };
  return {
    phones: (id) => memo(`phones/${id}`, () => calls.phones(id)),
    phoneNumbers: (id) => memo(`numbers/${id}`, () => calls.phoneNumbers(id)),
    contacts: (id, page, size) => memo(`contacts/${id}/${page}/${size}`, () => calls.contacts(id, page, size)),
    carrier: carrierLookups(calls),
    hangUp: calls.hangUp,
  };
}

const yoga = createYoga({
  schema: createSchema({ typeDefs, resolvers }),
  context: () => ({ reads: requestReads() }),
  logging: false,
  graphiql: false,
});
announce(createServer(yoga));
