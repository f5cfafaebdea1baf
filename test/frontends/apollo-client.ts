import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';

export function createApolloClient(uri: string, token: string) {
  return new ApolloClient({
    link: new HttpLink({ uri, headers: { authorization: `Bearer ${token}` } }),
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
