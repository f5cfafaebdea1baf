import { loadConfig } from './src/config.js';
import { startGateway } from './src/gateway.js';
const gw = await startGateway({ config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }) });
const r = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' }, body: JSON.stringify({ query: 'query($ids: [ID!]!) { customers(ids: $ids) { id } }', variables: { ids: { not: 'a list' } } }) });
console.log(r.status, await r.text());
await gw.close();
