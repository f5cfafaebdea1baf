// `npm run bench`: what the gateway costs on top of its upstreams. Simulators with a fixed latency,
// the built gateway as its own production process, autocannon driving it; side by side the ideal
// latency and a direct undici baseline. Writes bench/results/latest.{md,json} and prints the table.
import { fork, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { loadConfig, simulatorCredentials, urlSettings } from '../src/config.js';
import { ACME } from '../src/simulators/demo.js';
import { type UpstreamName, upstreamNames } from '../src/upstreams/registry.js';
import { freePort } from '../test/support/net.js';
import { createDirectClient } from './direct.js';
import { fanoutIds } from './seed.js';
import type { SimulatorsMessage, SimulatorsReply } from './simulators-process.js';

const { values: args } = parseArgs({
  options: {
    latency: { type: 'string', default: '5' },
    duration: { type: 'string', default: '4' },
    /** Runs per level, the gateway's and the direct baseline's taken in turn; each figure is the median. */
    repeat: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '2' },
    moderate: { type: 'string', default: '8' },
    saturation: { type: 'string', default: '64' },
    scenarios: { type: 'string', default: 'hello,dashboard,fanout,hangUp' },
    /** Write a V8 CPU profile of the gateway process into this folder (open it in Chrome DevTools). */
    profile: { type: 'string' },
    /** Node.js flags for the gateway process; the default is what `npm run start:production` uses. */
    'node-flags': { type: 'string', default: '--max-old-space-size=128' },
  },
});
const latencyMs = Number(args.latency);
const durationS = Number(args.duration);
const repeat = Math.max(1, Number(args.repeat));
const warmupS = Number(args.warmup);
const moderate = { name: 'moderate', connections: Number(args.moderate) };
const saturation = { name: 'saturation', connections: Number(args.saturation) };
const levels = [moderate, saturation];

const operation = (name: string) => readFileSync(new URL(`./operations/${name}.graphql`, import.meta.url), 'utf8');
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

interface Run {
  p50: number;
  p99: number;
  rps: number;
  operations: number;
  failures: number;
}

/** Upstream requests per operation, counted over operations run one at a time (none in flight at the edges). */
async function upstreamPerOperation(once: () => Promise<unknown>, times = 20): Promise<number> {
  await resetCounts();
  for (let i = 0; i < times; i += 1) await once();
  return (await upstreamCount()) / times;
}

const config = loadConfig({ LOG_LEVEL: 'silent' });
const simulators = fork(fileURLToPath(new URL('./simulators-process.ts', import.meta.url)), {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, BENCH_LATENCY_MS: String(latencyMs) },
});
const nextReply = () =>
  new Promise<SimulatorsReply>((resolve) => simulators.once('message', (message: SimulatorsReply) => resolve(message)));
const started = await nextReply();
if (started.type !== 'ready') throw new Error('the simulators did not start');
const urls = started.urls as Record<UpstreamName, string>;
const ask = async (message: SimulatorsMessage): Promise<number> => {
  const replied = nextReply();
  simulators.send(message);
  const answer = await replied;
  return answer.type === 'count' ? answer.count : NaN;
};
const upstreamCount = () => ask({ type: 'count' });
const resetCounts = () => ask({ type: 'reset' });

const secret = 'bench-signing-key-of-at-least-32-characters';
const port = await freePort();
const env: Record<string, string> = {
  ...(process.env as Record<string, string>),
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
  PORT: String(port),
  AUTH_JWT_SECRET: secret,
  ...simulatorCredentials,
};
for (const name of upstreamNames) env[urlSettings[name]] = urls[name];
const profiling = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [];
const nodeFlags = args['node-flags'].split(' ').filter(Boolean);
const gateway = spawn(process.execPath, [...nodeFlags, ...profiling, 'dist/src/server.js'], {
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
const gatewayUrl = `http://127.0.0.1:${port}`;
for (let i = 0; ; i += 1) {
  const ready = await fetch(`${gatewayUrl}/readiness`).then(
    (r) => r.ok,
    () => false,
  );
  if (ready) break;
  if (i > 100) throw new Error('the gateway did not become ready');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const token = await new SignJWT({
  scope: 'phones:read phones:write contacts:read contacts:write calls:read calls:write numbers:read numbers:disconnect',
})
  .setProtectedHeader({ alg: 'HS256' })
  .setExpirationTime('1h')
  .sign(new TextEncoder().encode(secret));

const direct = createDirectClient(config, urls);
const dashboardMinimum = 3 + 4; // three lists, then four distinct numbers at the carrier
const scenarios = [
  { name: 'hello', query: operation('hello'), variables: {}, rounds: 0, minimum: 0, direct: undefined },
  {
    name: 'dashboard',
    query: operation('dashboard'),
    variables: { id: ACME },
    rounds: 2,
    minimum: dashboardMinimum,
    direct: () => direct.dashboard(ACME),
  },
  {
    name: 'fanout',
    query: operation('fanout'),
    variables: { ids: fanoutIds },
    rounds: 2,
    minimum: new Set(fanoutIds).size + started.distinctFanoutNumbers,
    direct: () => direct.fanout(fanoutIds),
  },
  {
    name: 'hangUp',
    query: operation('hangUp'),
    variables: { extension: '@self', phoneNumber: '+1 828 333 4444' },
    rounds: 1,
    minimum: 1,
    direct: () => direct.hangUp('@self', '+18283334444'),
  },
].filter((s) => args.scenarios.split(',').includes(s.name));

async function throughGateway(body: string, connections: number, seconds: number, url = `${gatewayUrl}/graphql`): Promise<Run> {
  const times: number[] = [];
  // A GraphQL error arrives with HTTP 200: a response carrying `errors` is a failure too, not a fast answer.
  let answeredWithErrors = 0;
  let firstError: string | undefined;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        method: 'POST',
        connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        requests: [
          {
            onResponse: (_status: number, text: string) => {
              if (!text.includes('"errors"')) return;
              answeredWithErrors += 1;
              firstError ??= text.slice(text.indexOf('"errors"'), text.indexOf('"errors"') + 300);
            },
          },
        ],
      },
      (error, res) => (error ? reject(error) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => times.push(responseTime));
  });
  if (firstError) process.stderr.write(`  ${answeredWithErrors} responses carried errors, e.g. ${firstError}\n`);
  times.sort((a, b) => a - b);
  const operations = result.requests.total;
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    rps: (operations - answeredWithErrors) / seconds,
    operations,
    failures: result.non2xx + result.errors + result.timeouts + answeredWithErrors,
  };
}

async function throughDirect(run: () => Promise<string>, connections: number, seconds: number): Promise<Run> {
  const times: number[] = [];
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        try {
          await run();
          times.push(performance.now() - started);
        } catch {
          failures += 1;
        }
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    rps: times.length / seconds,
    operations: times.length,
    failures,
  };
}

/** Each figure's median over the runs; failures are summed. */
function medianRun(runs: Run[]): Run {
  const median = (pick: (run: Run) => number) => {
    const sorted = runs.map(pick).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  };
  return {
    p50: median((r) => r.p50),
    p99: median((r) => r.p99),
    rps: median((r) => r.rps),
    operations: runs.reduce((n, r) => n + r.operations, 0),
    failures: runs.reduce((n, r) => n + r.failures, 0),
  };
}

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

interface Row {
  scenario: string;
  level: string;
  connections: number;
  idealMs: number;
  gateway: Run;
  direct: Run | undefined;
  upstreamPerOp: number;
  directUpstreamPerOp: number | undefined;
  latencyVsIdeal: number | undefined;
  throughputVsDirect: number | undefined;
  upstreamMinimum: number;
}
const rows: Row[] = [];
for (const scenario of scenarios) {
  const body = JSON.stringify({ query: scenario.query, variables: scenario.variables });
  const once = async () => {
    const res = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const answer = (await res.json()) as { errors?: unknown };
    if (answer.errors) throw new Error(`${scenario.name} answered with errors: ${JSON.stringify(answer.errors)}`);
  };
  const upstreamPerOp = await upstreamPerOperation(once);
  const directUpstreamPerOp = scenario.direct ? await upstreamPerOperation(scenario.direct) : undefined;
  await throughGateway(body, saturation.connections, warmupS);
  if (scenario.direct) await throughDirect(scenario.direct, saturation.connections, warmupS);
  for (const level of levels) {
    // In turn, so a slow spell of this shared machine falls on both sides rather than on one.
    const gwRuns: Run[] = [];
    const drRuns: Run[] = [];
    for (let i = 0; i < repeat; i += 1) {
      gwRuns.push(await throughGateway(body, level.connections, durationS));
      if (scenario.direct) drRuns.push(await throughDirect(scenario.direct, level.connections, durationS));
    }
    const gw = medianRun(gwRuns);
    const dr = scenario.direct ? medianRun(drRuns) : undefined;
    const ideal = scenario.rounds * latencyMs;
    rows.push({
      scenario: scenario.name,
      level: level.name,
      connections: level.connections,
      idealMs: ideal,
      gateway: gw,
      direct: dr,
      upstreamPerOp,
      directUpstreamPerOp,
      latencyVsIdeal: ideal > 0 ? gw.p50 / ideal : undefined,
      throughputVsDirect: dr ? gw.rps / dr.rps : undefined,
      upstreamMinimum: scenario.minimum,
    });
    process.stderr.write(`  ${scenario.name} @${level.connections}: p50 ${gw.p50.toFixed(2)} ms, ${gw.rps.toFixed(0)} req/s\n`);
  }
}
// Yoga's own floor: the `hello` operation against a bare Yoga server, at the moderate level.
let bareYoga: Run | undefined;
if (scenarios.some((s) => s.name === 'hello')) {
  const bare = fork(fileURLToPath(new URL('./bare-yoga.mjs', import.meta.url)), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const barePort = await new Promise<number>((resolve) => bare.once('message', (message: { port: number }) => resolve(message.port)));
  const bareUrl = `http://127.0.0.1:${barePort}/graphql`;
  const helloBody = JSON.stringify({ query: operation('hello') });
  await throughGateway(helloBody, moderate.connections, warmupS, bareUrl);
  const runs: Run[] = [];
  for (let i = 0; i < repeat; i += 1) runs.push(await throughGateway(helloBody, moderate.connections, durationS, bareUrl));
  bareYoga = medianRun(runs);
  bare.disconnect();
}
const rssMb = peakRssMb(gateway.pid as number);
gateway.kill('SIGTERM');
await new Promise((resolve) => gateway.once('exit', resolve));
await direct.close();
simulators.disconnect();

const fmt = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const lines = [
  `Simulator latency ${latencyMs} ms; medians of ${repeat} runs of ${durationS} s, gateway and direct in turn, after a ${warmupS} s warm-up; ${machine}; ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| scenario | connections | ideal p50 | gateway p50 | gateway p99 | gateway req/s | direct p50 | direct req/s | p50 / ideal | direct p50 / ideal | req/s gateway / direct | upstream req/op (min) | failures |',
  '| --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  ...rows.map(
    (r) =>
      `| ${r.scenario} | ${r.connections} | ${r.idealMs} ms | ${fmt(r.gateway.p50)} ms | ${fmt(r.gateway.p99)} ms | ${fmt(r.gateway.rps, 0)} | ${fmt(r.direct?.p50)} ms | ${fmt(r.direct?.rps, 0)} | ${fmt(r.latencyVsIdeal)} | ${fmt(r.direct && r.idealMs > 0 ? r.direct.p50 / r.idealMs : undefined)} | ${fmt(r.throughputVsDirect)} | ${fmt(r.upstreamPerOp, 1)} (${r.upstreamMinimum}) | ${r.gateway.failures} |`,
  ),
  '',
  `Gateway peak RSS: ${rssMb} MB.`,
  ...(bareYoga
    ? [
        '',
        `Yoga's own floor, \`hello\` against a bare Yoga server (one-field schema, Yoga's defaults) at ${moderate.connections} connections: p50 ${fmt(bareYoga.p50)} ms, p99 ${fmt(bareYoga.p99)} ms, ${fmt(bareYoga.rps, 0)} req/s.`,
      ]
    : []),
];
const find = (scenario: string, level: string) => rows.find((r) => r.scenario === scenario && r.level === level);
const targets = [
  ['upstream requests per operation at the minimum', rows.every((r) => r.upstreamPerOp === r.upstreamMinimum)],
  ['dashboard p50 ≤ 1.15 × ideal (moderate)', (find('dashboard', 'moderate')?.latencyVsIdeal ?? Infinity) <= 1.15],
  ['hello p50 ≤ 1 ms (moderate)', (find('hello', 'moderate')?.gateway.p50 ?? Infinity) <= 1],
  ['dashboard req/s ≥ 0.6 × direct (saturation)', (find('dashboard', 'saturation')?.throughputVsDirect ?? 0) >= 0.6],
  ['fanout req/s ≥ 0.6 × direct (saturation)', (find('fanout', 'saturation')?.throughputVsDirect ?? 0) >= 0.6],
  ['peak RSS ≤ 200 MB', rssMb <= 200],
] as const;
lines.push('', '| target | met |', '| --- | --- |', ...targets.map(([name, met]) => `| ${name} | ${met ? 'yes' : '**no**'} |`));
const markdown = lines.join('\n');
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.md', import.meta.url), `${markdown}\n`);
writeFileSync(
  new URL('./results/latest.json', import.meta.url),
  `${JSON.stringify({ latencyMs, durationS, repeat, machine, rssMb, bareYoga, rows, targets: Object.fromEntries(targets) }, null, 2)}\n`,
);
process.stdout.write(`${markdown}\n`);
