// `npx tsx bench/upstream-call.ts`: the CPU one upstream call costs through the gateway's transport, against a
// plain undici request and against the bare dispatch the transport is built on, in alternating rounds.
import { parseArgs } from 'node:util';
import pino from 'pino';
import { Pool } from 'undici';
import { loadConfig } from '../src/config.js';
import { createMetrics } from '../src/metrics.js';
import { Budget } from '../src/upstreams/http/budget.js';
import { UpstreamCallLog } from '../src/upstreams/http/call-log.js';
import { dispatchWhole } from '../src/upstreams/http/dispatch.js';
import { createUpstreams, credentialHeaders } from '../src/upstreams/index.js';
import { dashboardCustomers } from './seed.js';
import { forkSimulators } from './simulators-fork.js';

const { values: args } = parseArgs({
  options: {
    calls: { type: 'string', default: '4000' },
    rounds: { type: 'string', default: '6' },
    concurrency: { type: 'string', default: '8' },
    /** Only this variant (gateway, undici, …), e.g. to profile it with --cpu-prof. */
    only: { type: 'string' },
    /** Also the gateway's transport with a feature off, each a variant of its own: what that feature costs a call. */
    features: { type: 'boolean', default: false },
  },
});
const calls = Number(args.calls);
const concurrency = Number(args.concurrency);

const { child: simulators, urls, env: simulatorEnv } = await forkSimulators(0);
const env: Record<string, string> = { ...simulatorEnv, LOG_LEVEL: 'info' };
const config = loadConfig(env);
const transport = (settings: Record<string, string> = {}, metrics = true) =>
  createUpstreams(
    loadConfig({ ...env, ...settings }),
    urls,
    pino({ level: 'info' }, pino.destination('/dev/null')),
    metrics ? createMetrics() : undefined,
  );
const upstreams = transport();
const origin = new URL(urls.customerPhones);
const pool = new Pool(origin.origin, { connections: 128, keepAliveTimeout: 30_000 });
const headers = credentialHeaders(config).customerPhones;

// A different customer each call, so no call joins one in flight: the cost of a call, not of sharing one.
let next = 0;
const customer = () => dashboardCustomers[next++ % dashboardCustomers.length] as string;
const phonesPath = () => `${origin.pathname.replace(/\/+$/, '')}/v1/customers/${customer()}/phones`;
const variants = new Map<string, () => Promise<unknown>>([
  ['gateway', () => upstreams.forRequest('bench', { calls: new UpstreamCallLog() }).customerPhones.list(customer())],
  ...(args.features
    ? (
        [
          ['no metrics', transport({}, false)],
          ['no joining', transport({ COALESCE_UPSTREAM_READS: 'false' })],
        ] as const
      ).map(([name, other]): [string, () => Promise<unknown>] => [
        name,
        () => other.forRequest('bench', { calls: new UpstreamCallLog() }).customerPhones.list(customer()),
      ])
    : []),
  [
    'undici',
    async () => {
      const res = await pool.request({ method: 'GET', path: phonesPath(), headers });
      return JSON.parse(await res.body.text());
    },
  ],
  [
    // The transport's own floor: the dispatch it is built on, its time budget and JSON.parse, nothing else.
    'dispatch',
    async () => {
      const budget = new Budget(config.upstreamTimeoutMs);
      const answer = await dispatchWhole(pool, { method: 'GET', path: phonesPath(), headers }, budget, config.upstreamMaxBodyBytes);
      budget.end();
      return JSON.parse(answer.text);
    },
  ],
]);
if (args.only) for (const name of [...variants.keys()]) if (name !== args.only) variants.delete(name);

/** CPU microseconds per call, `calls` calls made `concurrency` at a time. */
async function measure(call: () => Promise<unknown>): Promise<number> {
  let left = calls;
  const before = process.cpuUsage();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left > 0) {
        left -= 1;
        await call();
      }
    }),
  );
  const used = process.cpuUsage(before);
  return (used.user + used.system) / calls;
}

for (const call of variants.values()) await measure(call);
const results = new Map<string, number[]>([...variants.keys()].map((name) => [name, []]));
// Each round starts with the next variant, so no variant always runs first (or just after the same one).
const entries = [...variants];
for (let round = 0; round < Number(args.rounds); round += 1) {
  const order = [...entries.slice(round % entries.length), ...entries.slice(0, round % entries.length)];
  for (const [name, call] of order) results.get(name)?.push(await measure(call));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
for (const [name, values] of results) {
  process.stdout.write(`${name.padEnd(10)} ${median(values).toFixed(1)} µs CPU per call (median of ${values.length} rounds)\n`);
}
const gateway = results.get('gateway');
for (const reference of ['undici', 'dispatch']) {
  const values = results.get(reference);
  if (gateway && values) process.stdout.write(`gateway / ${reference}: ${(median(gateway) / median(values)).toFixed(2)}\n`);
}

simulators.kill();
await Promise.all([pool.close(), upstreams.close()]);
