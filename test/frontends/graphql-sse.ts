import { createClient } from 'graphql-sse';

// Follows a disconnect order over Server-Sent Events until it is final. GraphQL errors arrive as
// events with `errors` (an unknown order, a missing scope), not as a failed stream: they reject too.
export function followOrder(url: string, token: string, id: string, onStatus: (status: string) => void): Promise<void> {
  const client = createClient({ url, headers: { authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    const stop = client.subscribe<{ disconnectOrder: { status: string } | null }>(
      { query: 'subscription ($id: ID!) { disconnectOrder(id: $id) { status } }', variables: { id } },
      {
        next: ({ data, errors }) => {
          if (errors?.length) {
            stop();
            reject(new Error(errors.map((e) => `${e.extensions?.code ?? 'ERROR'}: ${e.message}`).join('; ')));
          } else if (data?.disconnectOrder) onStatus(data.disconnectOrder.status);
        },
        error: reject,
        complete: resolve,
      },
    );
  });
}
