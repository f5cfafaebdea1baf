import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { RetryLink } from '@apollo/client/link/retry';

// One Idempotency-Key per mutation, set before RetryLink: every retry of it sends the same key, so the
// gateway writes once however often a lost answer makes the client try again.
const idempotencyKeys = new ApolloLink((operation, forward) => {
  if (operation.operationType === 'mutation') {
    operation.setContext(({ headers }) => ({ headers: { ...headers, 'idempotency-key': crypto.randomUUID() } }));
  }
  return forward(operation);
});

export function createApolloClient(uri: string, token: string) {
  return new ApolloClient({
    link: ApolloLink.from([
      idempotencyKeys,
      new RetryLink({ delay: { initial: 100 } }),
      new HttpLink({ uri, headers: { authorization: `Bearer ${token}` } }),
    ]),
    cache: new InMemoryCache({
      typePolicies: {
        Customer: { keyFields: ['id'] },
        // A phoneNumberId is unique only within its customer, and not every query asks for customerId.
        PhoneNumber: { keyFields: false },
        CustomerPhone: { keyFields: ['key'] },
      },
    }),
  });
}
