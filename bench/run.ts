// `npm run bench`: what the gateway costs, against references measured in the same run on the same
// machine: the floor (a bare node:http service making the same upstream calls), the stack floor
// (graphql-yoga with plain resolvers), the peer (Apollo Server with RESTDataSource) and, on the
// three lists, a second peer (Hive Gateway over a supergraph Mesh composes from OpenAPI). Each server
// is its own process on the same simulators; rounds alternate between them, so a slow spell of this
// shared machine falls on all of them. Writes bench/results/latest.{md,json} and prints the table.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { ACME } from '../src/simulators/demo.js';
import { credentialHeaders } from '../src/upstreams/index.js';
import { freePort } from '../test/support/net.js';
import { productionNodeFlags } from './production-start.js';
import { dashboardCustomers, dashboardMinimum, fanoutIds } from './seed.js';
import { forkSimulators } from './simulators-fork.js';
import type { SimulatorsMessage } from './simulators-process.js';
import { signEveryScope } from './token.js';

const { values: args } = parseArgs({
  options: {
    latency: { type: 'string', default: '5' },
    duration: { type: 'string', default: '3' },
    /** Rounds per level; in each, every server runs once, in turn; each figure is the median. */
    repeat: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '2' },
    moderate: { type: 'string', default: '8' },
    saturation: { type: 'string', default: '64' },
    scenarios: { type: 'string', default: 'hello,dashboard,distinct,lists,fanout,hangUp' },
    servers: { type: 'string', default: 'gateway,production,silent,cached,floor,stack,peer,hive' },
    /** Write V8 CPU profiles of these servers into --profile-dir (open them in Chrome DevTools, or `npm run bench:profile`). */
    profile: { type: 'string', default: '' },
    /** Sample every allocation of these servers (collected ones too) into --profile-dir/<server>-alloc. */
    alloc: { type: 'string', default: '' },
    /** Write each Switchboard server's log (its standard output) to <dir>/<server>.log. */
    logs: { type: 'string' },
    'profile-dir': { type: 'string', default: 'bench/profiles' },
    out: { type: 'string', default: 'bench/results/latest' },
    /** Another checkout, built (e.g. a git worktree of an earlier commit): its production build runs as server "baseline". */
    baseline: { type: 'string' },
    /** Print every run as it ends: the spread the medians hide. */
    trace: { type: 'boolean', default: false },
  },
});
const latencyMs = Number(args.latency);
const durationS = Number(args.duration);
const repeat = Math.max(1, Number(args.repeat));
const warmupS = Number(args.warmup);
const moderate = Number(args.moderate);
const saturation = Number(args.saturation);
const profiled = new Set(args.profile.split(',').filter(Boolean));
const allocProfiled = new Set(args.alloc.split(',').filter(Boolean));
if (args.logs) mkdirSync(args.logs, { recursive: true });

const operation = (name: string) => readFileSync(new URL(`./operations/${name}.graphql`, import.meta.url), 'utf8');
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const { child: simulators, distinctFanoutNumbers, env: upstreamEnv, urls: upstreamUrls, nextReply } = await forkSimulators(latencyMs);
const ask = async (message: SimulatorsMessage): Promise<number> => {
  const replied = nextReply();
  simulators.send(message);
  const answer = await replied;
  return answer.type === 'count' ? answer.count : Number.NaN;
};

const secret = 'bench-signing-key-of-at-least-32-characters';
const token = await signEveryScope(secret, '1h');

interface Server {
  name: string;
  what: string;
  process: ChildProcess;
  url: string;
  /** The request a scenario sends this server, with one of its sets of variables. */
  request(scenario: Scenario, variables: Record<string, unknown>): { path: string; body: string };
}

interface Scenario {
  name: string;
  /** The file in bench/operations/, and the floor's path. */
  operation: string;
  query: string;
  /** Sent in turn, one set per request, across all connections. */
  variables: Record<string, unknown>[];
  minimum: number;
}

const graphql = (scenario: Scenario, variables: Record<string, unknown>) => ({
  path: '/graphql',
  body: JSON.stringify({ query: scenario.query, variables }),
});

async function startServer(name: string): Promise<Server> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    ...upstreamEnv,
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
  };
  const profiling = [
    ...(profiled.has(name) ? ['--cpu-prof', `--cpu-prof-dir=${args['profile-dir']}/${name}`] : []),
    ...(allocProfiled.has(name) ? ['--require', fileURLToPath(new URL('alloc-sampler.cjs', import.meta.url))] : []),
  ];
  if (allocProfiled.has(name)) env.ALLOC_PROFILE_DIR = `${args['profile-dir']}/${name}-alloc`;
  const gateway = (what: string, argv: string[], extra: Record<string, string>): Server => {
    const child = spawn(process.execPath, [...profiling, ...argv], {
      env: { ...env, ...extra },
      stdio: ['ignore', args.logs ? openSync(`${args.logs}/${name}.log`, 'w') : 'ignore', 'inherit'],
    });
    return { name, what, process: child, url: `http://127.0.0.1:${env.PORT}`, request: graphql };
  };
  const forked = (what: string, file: string, request: Server['request']): Promise<Server> => {
    const child = fork(fileURLToPath(new URL(file, import.meta.url)), {
      execArgv: ['--import', 'tsx', ...profiling],
      // As a team would run them: graphql-js, Yoga and Apollo Server drop their development checks.
      env: { ...env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    return new Promise((resolve) =>
      child.once('message', (message: { port: number }) =>
        resolve({ name, what, process: child, url: `http://127.0.0.1:${message.port}`, request }),
      ),
    );
  };
  const production = { NODE_ENV: 'production', AUTH_JWT_SECRET: secret };
  switch (name) {
    case 'gateway':
      return gateway('Switchboard as `npm start` runs it (tsx, development, default settings)', ['--import', 'tsx', 'src/server.ts'], {});
    case 'production':
      return gateway(
        'Switchboard, production build (`npm run start:production`, default log level)',
        [...productionNodeFlags, 'dist/src/server.js'],
        production,
      );
    case 'cached':
      return gateway(
        'the production build with RESPONSE_CACHE_TTL_MS=60000 (dashboard only)',
        [...productionNodeFlags, 'dist/src/server.js'],
        {
          ...production,
          RESPONSE_CACHE_TTL_MS: '60000',
        },
      );
    case 'baseline':
      return gateway(
        `the production build of ${args.baseline}`,
        [...productionNodeFlags, `${args.baseline}/dist/src/server.js`],
        production,
      );
    case 'silent':
      return gateway('the production build with LOG_LEVEL=silent', [...productionNodeFlags, 'dist/src/server.js'], {
        ...production,
        LOG_LEVEL: 'silent',
      });
    case 'floor':
      return forked('floor: bare node:http + undici, no GraphQL', './servers/floor.ts', (s, variables) => ({
        path: `/${s.operation}`,
        body: JSON.stringify(variables),
      }));
    case 'stack':
      return forked('stack floor: graphql-yoga, plain SDL and resolvers, no plugins', './servers/stack-floor.ts', graphql);
    case 'peer':
      return forked('peer: Apollo Server + RESTDataSource per upstream per request', './servers/peer.ts', graphql);
    case 'hive':
      return startHive(env);
    case 'yoga':
      return forked("Yoga's own floor: a one-field schema, Yoga's defaults", './bare-yoga.mjs', graphql);
    default:
      // `flags=<node flags and SETTING=value pairs, joined by +>`: the production build under other V8
      // flags or settings, e.g. flags=--max-semi-space-size=32 or flags=LOG_LEVEL=warn.
      if (name.startsWith('flags=')) {
        const parts = name.slice('flags='.length).split('+').filter(Boolean);
        const flags = parts.filter((p) => p.startsWith('--'));
        const settings = Object.fromEntries(parts.filter((p) => !p.startsWith('--')).map((p) => p.split('=', 2) as [string, string]));
        return gateway(`the production build with ${parts.join(' ')}`, [...flags, 'dist/src/server.js'], { ...production, ...settings });
      }
      throw new Error(`unknown server ${name}`);
  }
}

/**
 * Hive Gateway over the supergraph Mesh composes from OpenAPI descriptions of the three list upstreams
 * (bench/peers/hive, installed there on first use so the gateway's own dependencies do not grow).
 */
async function startHive(env: Record<string, string>): Promise<Server> {
  const dir = fileURLToPath(new URL('./peers/hive/', import.meta.url));
  // Quiet unless it fails: then what it said is the error.
  const run = (command: string, argv: string[], extra: Record<string, string> = {}) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(command, argv, { cwd: dir, env: { ...env, ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
      let said = '';
      child.stdout.on('data', (chunk: Buffer) => (said += chunk));
      child.stderr.on('data', (chunk: Buffer) => (said += chunk));
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`${command} ${argv.join(' ')} exited with ${code}:\n${said}`)),
      );
    });
  if (!existsSync(`${dir}node_modules/.bin/hive-gateway`)) await run('npm', ['ci', '--no-audit', '--no-fund']);
  const auth = credentialHeaders(loadConfig({ ...env, NODE_ENV: 'development' }));
  const upstreams = Object.fromEntries(
    (['customerPhones', 'phoneNumbers', 'contacts'] as const).map((name) => [name, { url: upstreamUrls[name], headers: auth[name] }]),
  );
  await run(`${dir}node_modules/.bin/mesh-compose`, ['-o', 'supergraph.graphql'], { BENCH_UPSTREAMS: JSON.stringify(upstreams) });
  const child = spawn(
    process.execPath,
    [`${dir}node_modules/.bin/hive-gateway`, 'supergraph', 'supergraph.graphql', '--host', '127.0.0.1', '--port', env.PORT as string],
    {
      cwd: dir,
      env: { ...env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const query = readFileSync(`${dir}lists.graphql`, 'utf8');
  return {
    name: 'hive',
    what: 'second peer: Hive Gateway serving a supergraph GraphQL Mesh composes from OpenAPI descriptions (lists only)',
    process: child,
    url: `http://127.0.0.1:${env.PORT}`,
    request: (_scenario, variables) => ({ path: '/graphql', body: JSON.stringify({ query, variables }) }),
  };
}

async function ready(server: Server): Promise<void> {
  for (let i = 0; i < 200 && server.process.exitCode === null && server.process.signalCode === null; i += 1) {
    const answered = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{__typename}"}',
    }).then(
      (r) => r.status < 500,
      () => false,
    );
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${server.name} did not start`);
}

interface Run {
  p50: number;
  p99: number;
  rps: number;
  /** The server process's CPU time (user + system, all its threads) per answered operation. */
  cpuMsPerOp: number;
  /** Upstream requests per answered operation under this load: below the minimum when reads in flight are joined. */
  upstreamPerOp: number;
  failures: number;
  /**
   * Cores each party of the run kept busy on average: the server, the simulators (its upstreams), and this
   * process (the load generator). All share the machine's cores: where they add up to all of them, a server
   * that serves more operations also makes its upstreams and the load generator work more, and gets less of
   * the machine for itself.
   */
  cores: { server: number; simulators: number; load: number };
}

/** Operations each server answered under load (warm-up included), to divide a profile's time by. */
const served = new Map<string, number>();

/** A process's CPU time so far, in ms (utime + stime from /proc, in clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(server: Server, scenario: Scenario, connections: number, seconds: number): Promise<Run> {
  const bodies = scenario.variables.map((v) => server.request(scenario, v));
  const { path, body } = bodies[0] as { path: string; body: string };
  let sent = 0;
  const times: number[] = [];
  // A GraphQL error arrives with HTTP 200: a response carrying `errors` is a failure too, not a fast answer.
  let answeredWithErrors = 0;
  let firstError: string | undefined;
  await ask({ type: 'reset' });
  const cpuBefore = cpuMs(server.process.pid);
  const simulatorsBefore = cpuMs(simulators.pid);
  const loadBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.url + path,
        method: 'POST',
        connections,
        duration: seconds,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        requests: [
          {
            // One counter for all connections, so requests in flight together carry different variables.
            setupRequest: (request: autocannon.Request) => {
              if (bodies.length > 1) request.body = bodies[sent++ % bodies.length]?.body;
              return request;
            },
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
  const cpu = cpuMs(server.process.pid) - cpuBefore;
  const loadUsage = process.cpuUsage(loadBefore);
  const cores = (ms: number) => ms / (seconds * 1000);
  const machine = {
    server: cores(cpu),
    simulators: cores(cpuMs(simulators.pid) - simulatorsBefore),
    load: cores((loadUsage.user + loadUsage.system) / 1000),
  };
  const upstream = await ask({ type: 'count' });
  served.set(server.name, (served.get(server.name) ?? 0) + result.requests.total);
  if (firstError) process.stderr.write(`  ${server.name}: ${answeredWithErrors} responses carried errors, e.g. ${firstError}\n`);
  times.sort((a, b) => a - b);
  const answered = result.requests.total - answeredWithErrors;
  return {
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    rps: answered / seconds,
    cpuMsPerOp: cpu / answered,
    upstreamPerOp: upstream / result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts + answeredWithErrors,
    cores: machine,
  };
}

/** Upstream requests per operation, over operations sent one at a time (none in flight at the edges). */
async function upstreamPerOperation(server: Server, scenario: Scenario, times = 20): Promise<number> {
  const { path, body } = server.request(scenario, scenario.variables[0] ?? {});
  // One operation first, uncounted: the cached server then answers the counted ones from its cache.
  await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
  }).then((r) => r.text());
  await ask({ type: 'reset' });
  for (let i = 0; i < times; i += 1) {
    const res = await fetch(server.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const answer = (await res.json()) as { errors?: unknown };
    if (answer.errors) throw new Error(`${server.name} answered ${scenario.name} with errors: ${JSON.stringify(answer.errors)}`);
  }
  return (await ask({ type: 'count' })) / times;
}

const statusMb = (server: Server, field: 'VmHWM' | 'VmRSS') =>
  Math.round(
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${server.process.pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024,
  );
/** Peak resident memory since the last reset (VmHWM; writing 5 to clear_refs resets it). */
const peakRss = {
  reset: (server: Server) => writeFileSync(`/proc/${server.process.pid}/clear_refs`, '5'),
  mb: (server: Server) => statusMb(server, 'VmHWM'),
};

const defineScenario = (name: string, file: string, variables: Record<string, unknown>[], minimum: number): Scenario => ({
  name,
  operation: file,
  query: operation(file),
  variables,
  minimum,
});
const scenarios: Scenario[] = [
  defineScenario('hello', 'hello', [{}], 0),
  // One hot customer for every request, as a popular page is: three lists, four distinct numbers.
  defineScenario('dashboard', 'dashboard', [{ id: ACME }], 3 + 4),
  // A different customer for each request in flight, with numbers of its own: nothing to share.
  defineScenario(
    'distinct',
    'dashboard',
    dashboardCustomers.map((id) => ({ id })),
    dashboardMinimum,
  ),
  // The same distinct customers' three lists and nothing derived: the scenario Hive Gateway can run too.
  defineScenario(
    'lists',
    'lists',
    dashboardCustomers.map((id) => ({ id })),
    3,
  ),
  defineScenario('fanout', 'fanout', [{ ids: fanoutIds }], new Set(fanoutIds).size + distinctFanoutNumbers),
  defineScenario('hangUp', 'hangUp', [{ extension: '@self', phoneNumber: '+18283334444' }], 1),
].filter((s) => args.scenarios.split(',').includes(s.name));

const serverNames = args.servers.split(',').filter(Boolean);
// hello has no upstream: the gateway's own floor there is Yoga's.
// Hive Gateway serves the lists only; the cache is measured on the hot dashboard only.
const serversFor = (scenario: Scenario) =>
  scenario.name === 'hello'
    ? [...serverNames.filter((n) => !['floor', 'stack', 'peer', 'cached', 'yoga', 'hive'].includes(n)), 'yoga']
    : serverNames.filter(
        (n) => n !== 'yoga' && (n !== 'cached' || scenario.name === 'dashboard') && (n !== 'hive' || scenario.name === 'lists'),
      );

const servers = new Map<string, Server>();
/** Each server's resident memory once started and answering, before any load. */
const restingRss = new Map<string, number>();
// However the run ends (a server that does not start throws), no server it started outlives it.
process.on('exit', () => {
  for (const server of servers.values()) server.process.kill('SIGTERM');
});
for (const name of new Set([...serverNames, ...(scenarios.some((s) => s.name === 'hello') ? ['yoga'] : [])])) {
  const server = await startServer(name);
  servers.set(name, server);
  await ready(server);
}
await new Promise((resolve) => setTimeout(resolve, 1000));
for (const server of servers.values()) restingRss.set(server.name, statusMb(server, 'VmRSS'));

interface Row {
  scenario: string;
  server: string;
  moderate: Run;
  saturation: Run;
  upstreamPerOp: number;
  minimum: number;
  peakRssMb: number;
  /** Every round's run, in round order: a ratio between two servers is the median of the ratios within each round. */
  rounds: { moderate: Run[]; saturation: Run[] };
}
const rows: Row[] = [];
// Counted before any load, so no operation still in flight from a load run is counted with them.
const upstreamCalls = new Map<string, number>();
for (const scenario of scenarios) {
  for (const name of serversFor(scenario)) {
    const count = scenario.name === 'hello' ? 0 : await upstreamPerOperation(servers.get(name) as Server, scenario);
    upstreamCalls.set(`${scenario.name}/${name}`, count);
  }
}
for (const scenario of scenarios) {
  const taking = serversFor(scenario).map((name) => servers.get(name) as Server);
  for (const server of taking) {
    peakRss.reset(server);
    await load(server, scenario, saturation, warmupS);
  }
  const runs = new Map<string, { moderate: Run[]; saturation: Run[] }>(taking.map((s) => [s.name, { moderate: [], saturation: [] }]));
  for (let round = 0; round < repeat; round += 1) {
    for (const [level, connections] of [
      ['moderate', moderate],
      ['saturation', saturation],
    ] as const) {
      // Each round starts with the next server, so no server holds the same place in every round and a
      // place's luck (what ran just before it) does not fall on one server each time.
      const order = [...taking.slice(round % taking.length), ...taking.slice(0, round % taking.length)];
      for (const server of order) {
        const run = await load(server, scenario, connections, durationS);
        if (args.trace)
          process.stderr.write(
            `RUN ${scenario.name} ${level} r${round} ${server.name} ${run.rps.toFixed(0)} ${run.cpuMsPerOp.toFixed(2)} cores: server ${run.cores.server.toFixed(2)}, simulators ${run.cores.simulators.toFixed(2)}, load ${run.cores.load.toFixed(2)}\n`,
          );
        runs.get(server.name)?.[level].push(run);
      }
    }
  }
  for (const server of taking) {
    const taken = runs.get(server.name) as { moderate: Run[]; saturation: Run[] };
    const summary = (list: Run[]): Run => ({
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      rps: median(list.map((r) => r.rps)),
      cpuMsPerOp: median(list.map((r) => r.cpuMsPerOp)),
      upstreamPerOp: median(list.map((r) => r.upstreamPerOp)),
      failures: list.reduce((n, r) => n + r.failures, 0),
      cores: {
        server: median(list.map((r) => r.cores.server)),
        simulators: median(list.map((r) => r.cores.simulators)),
        load: median(list.map((r) => r.cores.load)),
      },
    });
    const row: Row = {
      scenario: scenario.name,
      server: server.name,
      moderate: summary(taken.moderate),
      saturation: summary(taken.saturation),
      upstreamPerOp: upstreamCalls.get(`${scenario.name}/${server.name}`) ?? Number.NaN,
      minimum: scenario.minimum,
      peakRssMb: peakRss.mb(server),
      rounds: taken,
    };
    rows.push(row);
    process.stderr.write(
      `  ${scenario.name} ${server.name}: p50@${moderate} ${row.moderate.p50.toFixed(2)} ms, ${row.saturation.rps.toFixed(0)} ops/s @${saturation}, ${row.peakRssMb} MB\n`,
    );
  }
}

if (profiled.size > 0) {
  for (const name of profiled) process.stderr.write(`  ${name} answered ${served.get(name) ?? 0} operations under load while profiled\n`);
}
for (const server of servers.values()) server.process.kill('SIGTERM');
await Promise.all(
  [...servers.values()].map(
    (s) => new Promise((resolve) => (s.process.exitCode === null ? s.process.once('exit', resolve) : resolve(null))),
  ),
);
simulators.disconnect();

const fmt = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
const row = (scenario: string, server: string) => rows.find((r) => r.scenario === scenario && r.server === server);
// Two servers' runs in one round are seconds apart, so the machine's slow spells, which last longer,
// mostly cancel out of their ratio; the median over rounds then drops the round that one spell split.
const ratio = (a: Row | undefined, b: Row | undefined, level: 'moderate' | 'saturation', measure: 'p50' | 'rps') =>
  a === undefined || b === undefined
    ? undefined
    : median(a.rounds[level].map((run, i) => run[measure] / (b.rounds[level][i]?.[measure] ?? Number.NaN)));
const machine = `${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
const lines = [
  `Simulator latency ${latencyMs} ms; ${repeat} rounds of ${durationS} s per level, every server in turn in each round (each round starting with the next), medians; a ratio is the median of the ratios within each round; after a ${warmupS} s warm-up; ${machine}; ${new Date().toISOString().slice(0, 10)}.`,
  '',
  ...[...servers.values()].map((s) => `- **${s.name}**: ${s.what}; resting RSS ${restingRss.get(s.name)} MB`),
  '',
  `| scenario | server | p50 @${moderate} | p99 @${moderate} | CPU/op @${moderate} | ops/s @${saturation} | CPU/op @${saturation} | p50 / floor | ops/s / stack floor | ops/s / peer | upstream calls/op alone (min) | upstream calls/op @${saturation} | peak RSS @${saturation} | failures |`,
  '| --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |',
  ...rows.map((r) => {
    const floor = row(r.scenario, r.scenario === 'hello' ? 'yoga' : 'floor');
    const stack = row(r.scenario, 'stack');
    const peer = row(r.scenario, 'peer');
    return `| ${r.scenario} | ${r.server} | ${fmt(r.moderate.p50)} ms | ${fmt(r.moderate.p99)} ms | ${fmt(r.moderate.cpuMsPerOp)} ms | ${fmt(r.saturation.rps, 0)} | ${fmt(r.saturation.cpuMsPerOp)} ms | ${fmt(ratio(r, floor, 'moderate', 'p50'))} | ${fmt(ratio(r, stack, 'saturation', 'rps'))} | ${fmt(ratio(r, peer, 'saturation', 'rps'))} | ${fmt(r.upstreamPerOp, 1)} (${r.minimum}) | ${fmt(r.saturation.upstreamPerOp)} | ${r.peakRssMb} MB | ${r.moderate.failures + r.saturation.failures} |`;
  }),
];

// The targets (issues #14 and #24), judged on the production build at its default settings, each a
// ratio to a reference measured in the same run.
const judged = 'production';
const gw = (scenario: string) => row(scenario, judged);
const check = (value: number | undefined, limit: number, atMost: boolean) =>
  value !== undefined && !Number.isNaN(value) && (atMost ? value <= limit : value >= limit);
type Target = [string, number | undefined, boolean];
const throughput = (s: string, against: string, what: string, limit: number): Target => {
  const value = ratio(gw(s), row(s, against), 'saturation', 'rps');
  return [`${s} ops/s @${saturation} ≥ ${limit} × ${what}`, value, check(value, limit, false)];
};
const latency = (s: string): Target => {
  const value = ratio(gw(s), row(s, 'floor'), 'moderate', 'p50');
  return [`${s} p50 @${moderate} ≤ 1.05 × the floor's`, value, check(value, 1.05, true)];
};
const logCost = (s: string): Target => {
  const cost = ratio(gw(s), row(s, 'silent'), 'saturation', 'rps');
  const value = cost === undefined ? undefined : 1 - cost;
  return [`${s}: the default log level costs ≤ 5 % of ops/s against LOG_LEVEL=silent`, value, check(value, 0.05, true)];
};
const fanoutPeak = gw('fanout')?.peakRssMb;
const stackPeak = row('fanout', 'stack')?.peakRssMb;
const peakRatio = fanoutPeak === undefined || stackPeak === undefined ? undefined : fanoutPeak / stackPeak;
const targets: Target[] = [
  [
    'upstream calls per operation alone at the minimum, every scenario and server (the cache: none)',
    undefined,
    rows.every((r) => r.upstreamPerOp === (r.server === 'cached' ? 0 : r.minimum)),
  ],
  latency('dashboard'),
  latency('distinct'),
  throughput('dashboard', 'stack', "the stack floor's (one hot customer: reads in flight joined)", 2),
  throughput('dashboard', 'peer', "the peer's", 2),
  throughput('distinct', 'stack', "the stack floor's (distinct customers: nothing to join)", 0.9),
  throughput('distinct', 'peer', "the peer's", 2),
  throughput('lists', 'hive', "Hive Gateway's over Mesh-composed OpenAPI", 3),
  throughput('fanout', 'stack', "the stack floor's", 0.9),
  throughput('fanout', 'peer', "the peer's", 2),
  logCost('dashboard'),
  logCost('fanout'),
  [`fanout peak RSS @${saturation} ≤ the stack floor's (ratio)`, peakRatio, check(peakRatio, 1, true)],
];
lines.push(
  '',
  `| target (${judged}) | measured | met |`,
  '| --- | --: | --- |',
  ...targets.map(([name, value, met]) => `| ${name} | ${fmt(value)} | ${met ? 'yes' : '**no**'} |`),
);

const report = lines.join('\n');
process.stdout.write(`${report}\n`);
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(`${args.out}.md`, `${report}\n`);
writeFileSync(`${args.out}.json`, `${JSON.stringify({ latencyMs, durationS, repeat, machine, rows, targets }, null, 2)}\n`);
