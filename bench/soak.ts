// `npm run soak -- --minutes N`: the production build under a steady mix of reads and writes at
// concurrency 8, against the simulators, with a random fault on a random upstream every few seconds.
// Bounded in time and in operations. Prints and writes bench/results/soak.local.md (untracked; with
// --write, the tracked bench/results/soak.md, the record a commit keeps): operations, the mix of
// error codes, operations past their budget, untyped errors, memory and descriptors over time, and
// the writes each upstream received per intent.
import { fork, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { request } from 'undici';
import { simulatorSettings } from '../src/config.js';
import { ACME, KIWI } from '../src/simulators/demo.js';
import type { Fault } from '../src/simulators/server.js';
import { type UpstreamName, upstreamNames } from '../src/upstreams/registry.js';
import { freePort } from '../test/support/net.js';
import { productionNodeFlags } from './production-start.js';
import type { SoakMessage, SoakReply } from './soak-simulators.js';
import { signEveryScope } from './token.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    'fault-every': { type: 'string', default: '3' },
    'max-operations': { type: 'string', default: '5000000' },
    /** Where the report goes; by default an untracked file, so a run leaves the clone clean. */
    out: { type: 'string' },
    /** Write the tracked record, bench/results/soak.md, instead. */
    write: { type: 'boolean', default: false },
  },
});
const durationMs = Number(args.minutes) * 60_000;
const concurrency = Number(args.concurrency);
const faultEveryMs = Number(args['fault-every']) * 1000;
const maxOperations = Number(args['max-operations']);
const timeoutMs = 2000;

const sims = fork(fileURLToPath(new URL('./soak-simulators.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
const replies: ((reply: SoakReply) => void)[] = [];
sims.on('message', (reply: SoakReply) => replies.shift()?.(reply));
const ask = (message?: SoakMessage) =>
  new Promise<SoakReply>((resolve) => {
    replies.push(resolve);
    if (message) sims.send(message);
  });
const ready = await ask();
if (ready.type !== 'ready') throw new Error('the simulators did not start');

const secret = 'soak-signing-key-of-at-least-32-characters!';
const port = await freePort();
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  ...simulatorSettings((name) => ready.urls[name] as string),
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: secret,
  HOST: '127.0.0.1',
  PORT: String(port),
  UPSTREAM_TIMEOUT_MS: String(timeoutMs),
  DISCONNECT_POLL_MS: '1000',
  // A circuit opened by a fault probes again soon, so the soak keeps exercising every upstream.
  CIRCUIT_BREAKER_HALF_OPEN_MS: '2000',
};
const gateway = spawn(process.execPath, [...productionNodeFlags, 'dist/src/server.js'], {
  env,
  stdio: ['ignore', 'ignore', 'inherit'],
});
const url = `http://127.0.0.1:${port}`;
for (
  let i = 0;
  !(await fetch(`${url}/readiness`).then(
    (r) => r.ok,
    () => false,
  ));
  i += 1
) {
  if (i > 100) throw new Error('the gateway did not become ready');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const token = await signEveryScope(secret, '24h');

/** An operation of the mix: its document, and how many upstream calls it may make one after another (its budget). */
interface Operation {
  name: string;
  weight: number;
  rounds: number;
  query: string;
  variables?: Record<string, unknown>;
}
const dashboard = readFileSync(new URL('./operations/dashboard.graphql', import.meta.url), 'utf8');
const mix: Operation[] = [
  { name: 'dashboard', weight: 30, rounds: 2, query: dashboard, variables: { id: ACME } },
  {
    name: 'customers',
    weight: 10,
    rounds: 2,
    query: `{ customers(ids: ["${ACME}", "${KIWI}"]) { phoneNumbers { e164 carrier { id } } } }`,
  },
  { name: 'carrierNumber', weight: 10, rounds: 1, query: `{ carrierNumber(number: "+19192302749") { id number } }` },
  { name: 'phoneCalls', weight: 10, rounds: 1, query: `{ phoneCalls(extension: "@self") { id phoneNumber } }` },
  { name: 'phoneNumber', weight: 5, rounds: 1, query: `{ phoneNumber(customerId: "${KIWI}", id: "7777777") { id e164 } }` },
  {
    name: 'deletePhones',
    weight: 5,
    rounds: 1,
    query: `mutation { deletePhones(customerId: "${ACME}", keys: ["5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03"]) { version } }`,
  },
  {
    name: 'deleteContacts',
    weight: 5,
    rounds: 1,
    query: `mutation { deleteContacts(customerId: "${ACME}", ids: ["e7fcef24-5c03-41dd-9e33-995b7d6f32b1"]) { requestId } }`,
  },
  { name: 'hangUpCalls', weight: 5, rounds: 1, query: `mutation { hangUpCalls(extension: "0003*210") { hungUpIds } }` },
  {
    name: 'createPhoneNumber',
    weight: 5,
    rounds: 2,
    query: `mutation { createPhoneNumber(customerId: "${KIWI}", input: { type: HOME, countryCode: "+64", areaCode: "09", phoneNumber: "379 1234" }) { id } }`,
  },
  { name: 'deletePhoneNumber', weight: 5, rounds: 1, query: `mutation { deletePhoneNumber(customerId: "${KIWI}", id: "7777777") }` },
  {
    name: 'disconnectNumber',
    weight: 5,
    rounds: 4,
    query: `mutation { disconnectNumber(number: "+1 828 555 0142") { order { id status } } }`,
  },
  {
    name: 'retirePhoneNumber',
    weight: 5,
    rounds: 12,
    query: `mutation { retirePhoneNumber(customerId: "${ACME}", number: "+1 919 230 2749", extension: "@self") { complete steps { status } } }`,
  },
];
const totalWeight = mix.reduce((n, o) => n + o.weight, 0);
const pick = (): Operation => {
  let r = Math.random() * totalWeight;
  for (const operation of mix) {
    r -= operation.weight;
    if (r < 0) return operation;
  }
  return mix[0] as Operation;
};

const codes: Record<string, number> = {};
let operations = 0;
let pastBudget = 0;
let untyped = 0;
let transportFailures = 0;
const started = Date.now();
const deadline = started + durationMs;
const untypedSamples = new Set<string>();
const errorsOf = (body: string): string[] => {
  try {
    const parsed = JSON.parse(body) as { errors?: { message?: string; path?: unknown; extensions?: { code?: string } }[] };
    return (parsed.errors ?? []).map((e) => {
      if (e.extensions?.code) return e.extensions.code;
      if (untypedSamples.size < 5) untypedSamples.add(`${JSON.stringify(e.path)}: ${e.message}`);
      return 'UNTYPED';
    });
  } catch {
    if (untypedSamples.size < 5) untypedSamples.add(`unparseable: ${body.slice(0, 100)}`);
    return ['UNPARSEABLE'];
  }
};

async function worker(n: number): Promise<void> {
  for (let i = 0; Date.now() < deadline && operations < maxOperations; i += 1) {
    const operation = pick();
    const began = performance.now();
    try {
      const res = await request(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-request-id': `soak-${n}-${i}` },
        body: JSON.stringify({ query: operation.query, variables: operation.variables }),
      });
      const body = await res.body.text();
      for (const code of errorsOf(body)) {
        codes[code] = (codes[code] ?? 0) + 1;
        if (code === 'UNTYPED' || code === 'UNPARSEABLE' || code === 'INTERNAL_SERVER_ERROR') untyped += 1;
      }
    } catch {
      transportFailures += 1;
    }
    operations += 1;
    if (performance.now() - began > operation.rounds * timeoutMs + 1000) pastBudget += 1;
  }
}

const faults: Fault[] = [
  { kind: 'status', status: 503 },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 429, headers: { 'retry-after': '0' } },
  { kind: 'hang' },
  { kind: 'reset' },
  { kind: 'malformed' },
  { kind: 'html' },
];
const faultLog: string[] = [];
const chaos = setInterval(() => {
  const upstream = upstreamNames[Math.floor(Math.random() * upstreamNames.length)] as UpstreamName;
  const fault = faults[Math.floor(Math.random() * faults.length)] as Fault;
  const times = 1 + Math.floor(Math.random() * 20);
  faultLog.push(`${upstream}:${fault.kind === 'status' ? fault.status : fault.kind}`);
  void ask({ type: 'clear' }).then(() => ask({ type: 'fault', upstream, fault, times }));
}, faultEveryMs);
const restoring = setInterval(() => void ask({ type: 'restore' }), 5000);

interface Sample {
  at: number;
  rssMb: number;
  fds: number;
}
const samples: Sample[] = [];
const sample = () => {
  const status = readFileSync(`/proc/${gateway.pid}/status`, 'utf8');
  samples.push({
    at: Math.round((Date.now() - started) / 1000),
    rssMb: Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024),
    fds: readdirSync(`/proc/${gateway.pid}/fd`).length,
  });
  process.stderr.write(
    `  ${samples.at(-1)?.at} s: ${operations} operations, RSS ${samples.at(-1)?.rssMb} MB, ${samples.at(-1)?.fds} fds\n`,
  );
};
sample();
const sampling = setInterval(sample, 10_000);

await Promise.all(Array.from({ length: concurrency }, (_, n) => worker(n)));
clearInterval(chaos);
clearInterval(restoring);
clearInterval(sampling);
sample();
await ask({ type: 'clear' });
const tally = await ask({ type: 'writes' });
gateway.kill('SIGTERM');
const exitCode = await new Promise<number | null>((resolve) => gateway.once('exit', resolve));
sims.disconnect();
if (tally.type !== 'writes') throw new Error('no tally of writes');

const seconds = (Date.now() - started) / 1000;
const rss = samples.map((s) => s.rssMb);
const fds = samples.map((s) => s.fds);
// The trend between the second minute and the last: a least-squares slope of RSS over time, in MB per minute.
const steady = samples.filter((s) => s.at >= 120);
const slope = (() => {
  if (steady.length < 3) return Number.NaN;
  const mx = steady.reduce((n, s) => n + s.at, 0) / steady.length;
  const my = steady.reduce((n, s) => n + s.rssMb, 0) / steady.length;
  const num = steady.reduce((n, s) => n + (s.at - mx) * (s.rssMb - my), 0);
  const den = steady.reduce((n, s) => n + (s.at - mx) ** 2, 0);
  return (num / den) * 60;
})();
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}`;
const lines = [
  `Soak: ${(seconds / 60).toFixed(1)} minutes, concurrency ${concurrency}, the production build (node ${[...productionNodeFlags, 'dist/src/server.js'].join(' ')}) against the simulators, UPSTREAM_TIMEOUT_MS=${timeoutMs}, a random fault on a random upstream every ${args['fault-every']} s (${faultLog.length} in all), demo data restored every 5 s; ${machine}; ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| measure | value |',
  '| --- | --: |',
  `| operations | ${operations} (${(operations / seconds).toFixed(0)}/s) |`,
  `| operations past their budget + 1 s (must be 0) | ${pastBudget} |`,
  `| untyped errors (must be 0) | ${untyped} |`,
  `| requests the gateway did not answer | ${transportFailures} |`,
  `| resident memory, MB: start / max / end | ${rss[0]} / ${Math.max(...rss)} / ${rss.at(-1)} |`,
  `| resident memory trend after minute 2, MB per minute | ${Number.isNaN(slope) ? '—' : slope.toFixed(2)} |`,
  `| open descriptors: start / max / end | ${fds[0]} / ${Math.max(...fds)} / ${fds.at(-1)} |`,
  `| writes received twice for one intent (must be none) | ${tally.duplicated.length} |`,
  `| exit code after SIGTERM | ${exitCode} |`,
  '',
  '| error code | count |',
  '| --- | --: |',
  ...Object.entries(codes)
    .sort((a, b) => b[1] - a[1])
    .map(([code, count]) => `| ${code} | ${count} |`),
  '',
  '| writes the upstreams received | count |',
  '| --- | --: |',
  ...Object.entries(tally.total).map(([kind, count]) => `| ${kind} | ${count} |`),
  ...(untypedSamples.size > 0 ? ['', 'Untyped errors, e.g.:', ...[...untypedSamples].map((u) => `- ${u}`)] : []),
  ...(tally.duplicated.length > 0
    ? ['', 'Received twice:', ...tally.duplicated.slice(0, 20).map((d) => `- ${d.intent}: ${d.write} × ${d.times}`)]
    : []),
];
const report = lines.join('\n');
process.stdout.write(`${report}\n`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
const out = args.out ?? (args.write ? 'bench/results/soak.md' : 'bench/results/soak.local.md');
writeFileSync(out, `${report}\n`);
process.exit(pastBudget === 0 && untyped === 0 && tally.duplicated.length === 0 && exitCode === 0 ? 0 : 1);
