import { loadConfig } from './src/config.js';
import { startGateway } from './src/gateway.js';
import { ACME } from './src/simulators/demo.js';
const q = `query { customer(id: "${ACME}") { id phones { version items { key type numberInternational e164 carrier { id numberState } } } phoneNumbers { id type name isPrimary e164 carrier { id city state } } primaryPhoneNumber { id e164 } contacts(page: 0, size: 20) { totalElements items { id type value status } } } }`;
const gw = await startGateway({ config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...Object.fromEntries((process.env.EXTRA ?? '').split(',').filter(Boolean).map((kv) => kv.split('='))) }), simulators: { latency: { fixedMs: Number(process.env.LAT ?? 5) }, recordRequests: false } });
const one = async (query: string) => { const t = performance.now(); const r = await fetch(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) }); await r.text(); return performance.now() - t; };
for (let i = 0; i < 50; i++) await one(q);
const times: number[] = []; for (let i = 0; i < Number(process.env.N ?? 200); i++) times.push(await one(q));
times.sort((a, b) => a - b);
const hello: number[] = []; for (let i = 0; i < 500; i++) hello.push(await one('{ __typename }'));
hello.sort((a, b) => a - b);
console.log('dashboard p50', times[100]!.toFixed(2), 'hello p50', hello[250]!.toFixed(2));
await gw.close();
// direct at same setup
import { createDirectClient } from './bench/direct.js';
import { upstreamNames } from './src/config.js';
const gw2 = await startGateway({ config: loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }), simulators: { latency: { fixedMs: Number(process.env.LAT ?? 5) }, recordRequests: false } });
const urls = Object.fromEntries(upstreamNames.map((n) => [n, (gw2.simulators as any)[n].url]));
const d = createDirectClient(gw2.services.config, urls as any);
for (let i = 0; i < 50; i++) await d.dashboard(ACME);
const dt: number[] = []; for (let i = 0; i < 200; i++) { const t = performance.now(); await d.dashboard(ACME); dt.push(performance.now() - t); }
dt.sort((a, b) => a - b); console.log('direct p50', dt[100]!.toFixed(2));
await d.close(); await gw2.close();
