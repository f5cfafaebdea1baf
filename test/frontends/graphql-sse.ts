import { createClient } from 'graphql-sse';

// Follows a disconnect order over Server-Sent Events until it is final.
export function followOrder(url: string, token: string, id: string, onStatus: (status: string) => void): Promise<void> {
  const client = createClient({ url, headers: { authorization: `Bearer ${token}` } });
  return new Promise((resolve, reject) => {
    client.subscribe<{ disconnectOrder: { status: string } | null }>(
      { query: 'subscription ($id: ID!) { disconnectOrder(id: $id) { status } }', variables: { id } },
      { next: ({ data }) => data?.disconnectOrder && onStatus(data.disconnectOrder.status), error: reject, complete: resolve },
    );
  });
}
