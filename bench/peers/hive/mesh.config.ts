// What a team puts in front of REST APIs today: GraphQL Mesh composes a supergraph from OpenAPI
// descriptions of the three list upstreams, Hive Gateway serves it. The bench writes the simulators'
// addresses and the gateway's own credentials into BENCH_UPSTREAMS before it composes.
import { defineConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';

type Upstream = { url: string; headers: Record<string, string> };
const upstreams = JSON.parse(process.env.BENCH_UPSTREAMS ?? '{}') as Record<string, Upstream>;
const subgraph = (name: string, file: string, upstream: string) => {
  const { url, headers } = upstreams[upstream] ?? { url: 'http://127.0.0.1:1', headers: {} };
  return { sourceHandler: loadOpenAPISubgraph(name, { source: `./openapi/${file}`, endpoint: url, operationHeaders: headers }) };
};

export const composeConfig = defineConfig({
  subgraphs: [
    subgraph('CustomerPhones', 'customer-phones.json', 'customerPhones'),
    subgraph('PhoneNumbers', 'phone-numbers.json', 'phoneNumbers'),
    subgraph('Contacts', 'contacts.json', 'contacts'),
  ],
});
