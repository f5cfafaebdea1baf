import { Client, cacheExchange, fetchExchange, makeOperation, mapExchange } from '@urql/core';
import { retryExchange } from '@urql/exchange-retry';

// One Idempotency-Key per mutation, set before retryExchange: every retry of it sends the same key.
const idempotencyKeys = mapExchange({
  onOperation: (operation) => {
    if (operation.kind !== 'mutation') return operation;
    const options =
      typeof operation.context.fetchOptions === 'function' ? operation.context.fetchOptions() : operation.context.fetchOptions;
    const headers = { ...(options?.headers as Record<string, string>), 'idempotency-key': crypto.randomUUID() };
    return makeOperation('mutation', operation, { ...operation.context, fetchOptions: { ...options, headers } });
  },
});

// urql sends queries as GET by default; the gateway serves them as sent.
export function createUrqlClient(url: string, token: string) {
  return new Client({
    url,
    exchanges: [cacheExchange, idempotencyKeys, retryExchange({ initialDelayMs: 100 }), fetchExchange],
    fetchOptions: { headers: { authorization: `Bearer ${token}` } },
  });
}
