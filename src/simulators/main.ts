// `npm run simulators`: the five upstream simulators alone, on fixed ports, for a gateway or a tool
// started separately. Prints the settings that point a gateway at them.
import { loadConfig, simulatorCredentials, type UpstreamName, upstreamNames, upstreamSettings } from '../config.js';
import { closeSimulators, startSimulators } from './index.js';

const ports: Record<UpstreamName, number> = {
  customerPhones: 4101,
  phoneNumbers: 4102,
  catapult: 4103,
  dashboard: 4104,
  contacts: 4105,
  uapi: 4106,
};

const config = loadConfig({ ...process.env, NODE_ENV: 'development' });
const latency = { fixedMs: Number(process.env.SIM_LATENCY_MS ?? 0), jitterMs: Number(process.env.SIM_JITTER_MS ?? 0) };
const simulators = await startSimulators(config.upstreams, {
  only: upstreamNames,
  recordRequests: false,
  ports,
  latency,
  host: process.env.SIM_HOST ?? '127.0.0.1',
  orderStepMs: Number(process.env.SIM_ORDER_STEP_MS ?? 1000),
  callback: process.env.SIM_CALLBACK_URL && config.callback ? { url: process.env.SIM_CALLBACK_URL, ...config.callback } : undefined,
});

process.stdout.write(
  `Upstream simulators are running (latency ${latency.fixedMs} ms ± ${latency.jitterMs} ms). Point a gateway at them with:\n`,
);
for (const name of upstreamNames) {
  const [urlSetting, ...credentialSettings] = upstreamSettings[name];
  const credentials = credentialSettings.map(
    (setting) => `${setting}=${process.env[setting] ?? simulatorCredentials[setting as keyof typeof simulatorCredentials]}`,
  );
  process.stdout.write(`  ${urlSetting}=${simulators[name]?.url} ${credentials.join(' ')}\n`);
}

const stop = () => void closeSimulators(simulators).then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
