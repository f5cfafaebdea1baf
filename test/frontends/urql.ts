import { Client, cacheExchange, fetchExchange } from '@urql/core';

// urql sends queries as GET by default; the gateway serves them as sent.
export function createUrqlClient(url: string, token: string) {
  return new Client({ url, exchanges: [cacheExchange, fetchExchange], fetchOptions: { headers: { authorization: `Bearer ${token}` } } });
}
