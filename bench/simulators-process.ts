// The simulators for the benchmark, in a process of their own so they neither slow the load
// generator nor are slowed by it. Answers the parent's messages: counts, and resetting them.
import { loadConfig } from '../src/config.js';
import { type Simulators, startSimulators } from '../src/simulators/index.js';
import { upstreamNames } from '../src/upstreams/registry.js';
import { seed } from './seed.js';

export type SimulatorsMessage = { type: 'count' } | { type: 'reset' };
export type SimulatorsReply =
  | { type: 'ready'; urls: Record<string, string>; distinctFanoutNumbers: number }
  | { type: 'count'; count: number };

const latencyMs = Number(process.env.BENCH_LATENCY_MS ?? 5);
const config = loadConfig({ LOG_LEVEL: 'silent' });
const sims = (await startSimulators(config.upstreams, {
  only: upstreamNames,
  latency: { fixedMs: latencyMs },
  recordRequests: false,
  orderStepMs: 'manual',
})) as Simulators;
const distinct = seed(sims);

const reply = (message: SimulatorsReply) => process.send?.(message);
process.on('message', (message: SimulatorsMessage) => {
  if (message.type === 'reset') for (const name of upstreamNames) sims[name].resetRequests();
  reply({ type: 'count', count: upstreamNames.reduce((n, name) => n + sims[name].requestCount, 0) });
});
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready', urls: Object.fromEntries(upstreamNames.map((name) => [name, sims[name].url])), distinctFanoutNumbers: distinct });
