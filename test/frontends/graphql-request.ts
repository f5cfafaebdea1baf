import { GraphQLClient } from 'graphql-request';

export function createRequestClient(url: string, token: string) {
  return new GraphQLClient(url, { headers: { authorization: `Bearer ${token}` } });
}
