// `npm run simulators`: every upstream's simulator alone, on fixed ports, for a gateway or a tool
// started separately. Prints the settings that point a gateway at them.
import { loadConfig } from '../config.js';
import { descriptors, upstreamNames } from '../upstreams/registry.js';
import { closeSimulators, startSimulators } from './index.js';

const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
const { latency, orderStepMs } = config.simulators;
const simulators = await startSimulators(config.upstreams, {
  only: upstreamNames,
  recordRequests: false,
  ports: Object.fromEntries(descriptors.map((d) => [d.name, d.simulatorPort])),
  latency,
  host: process.env.SIM_HOST ?? '127.0.0.1',
  orderStepMs,
  callback: process.env.SIM_CALLBACK_URL && config.callback ? { url: process.env.SIM_CALLBACK_URL, ...config.callback } : undefined,
});

process.stdout.write(
  `Upstream simulators are running (latency ${latency.fixedMs} ms ± ${latency.jitterMs} ms). Point a gateway at them with:\n`,
);
for (const d of descriptors) {
  const settings = config.upstreams[d.name].settings as Record<string, string>;
  const credentials = Object.keys(d.credentials).map((setting) => `${setting}=${settings[setting]}`);
  process.stdout.write(`  ${d.urlSetting}=${simulators[d.name]?.url} ${credentials.join(' ')}\n`);
}

const stop = () => void closeSimulators(simulators).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
