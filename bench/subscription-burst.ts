// How the production build answers GET /health while N subscriptions (1,000 by default) open at once:
// /health's latency, idle and during the burst, and how long until every subscription had its first
// event. A measurement, not a test: the machine is shared and noisy, so it prints numbers to compare
// in the same run (`--dir` measures another checkout's build beside this one).
//
//   npm run build && npx tsx bench/subscription-burst.ts [--subscriptions 1000] [--dir /path/to/other/checkout]
import { request as httpRequest } from 'node:http';
import { parseArgs } from 'node:util';
import { startProductionBuild } from './production-start.js';
import { forkSimulators } from './simulators-fork.js';
import { signEveryScope } from './token.js';

const { values: args } = parseArgs({
  options: {
    subscriptions: { type: 'string', default: '1000' },
    dir: { type: 'string', multiple: true, default: ['.'] },
    /** Write each gateway's CPU profile here (then: npx tsx bench/profile-summary.ts <dir>/*.cpuprofile). */
    profile: { type: 'string' },
  },
});
const count = Number(args.subscriptions);
const secret = 'subscription-burst-signing-key-of-32-chars!';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

/** One GET on a new connection each time, as a load balancer's health check does; its time in ms. */
function probe(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = httpRequest(`${url}/health`, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    });
    req.on('error', () => resolve(Number.POSITIVE_INFINITY));
    req.end();
  });
}

/** Opens one subscription on its own connection; resolves with the time its first event took, or -1 if refused or failed. */
function open(url: string, token: string, orderId: string, sockets: { destroy(): void }[]): Promise<number> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = httpRequest(
      `${url}/graphql`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      },
      (res) => {
        let seen = '';
        res.on('data', (chunk) => {
          seen += String(chunk);
          if (seen.includes('data:')) resolve(seen.includes('"errors"') ? -1 : performance.now() - started);
        });
      },
    );
    req.on('socket', (socket) => sockets.push(socket));
    req.on('error', () => resolve(-1));
    req.end(JSON.stringify({ query: `subscription { disconnectOrder(id: "${orderId}") { status } }` }));
  });
}

async function measure(dir: string, env: Record<string, string>) {
  const profiling = args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [];
  const { url, stop } = await startProductionBuild(dir, { ...env, AUTH_JWT_SECRET: secret }, profiling);
  try {
    const token = await signEveryScope(secret, '1h');
    const filed = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation { disconnectNumber(number: "+1 828 555 0142") { order { id } } }' }),
    });
    const orderId = ((await filed.json()) as { data: { disconnectNumber: { order: { id: string } } } }).data.disconnectNumber.order.id;

    const idle: number[] = [];
    for (let i = 0; i < 50; i += 1) idle.push(await probe(url));

    const sockets: { destroy(): void }[] = [];
    const during: number[] = [];
    let opening = true;
    const probing = (async () => {
      while (opening) {
        during.push(await probe(url));
        await sleep(20);
      }
    })();
    const started = performance.now();
    const firsts = await Promise.all(Array.from({ length: count }, () => open(url, token, orderId, sockets)));
    const allOpenMs = performance.now() - started;
    opening = false;
    await probing;
    for (const socket of sockets) socket.destroy();
    const opened = firsts.filter((ms) => ms >= 0);
    return {
      dir,
      healthIdleP50: percentile(idle, 0.5),
      healthBurstP50: percentile(during, 0.5),
      healthBurstP99: percentile(during, 0.99),
      healthBurstMax: Math.max(...during),
      healthProbes: during.length,
      opened: opened.length,
      refused: count - opened.length,
      firstEventP50: percentile(opened, 0.5),
      allOpenMs,
    };
  } finally {
    await stop();
  }
}

const simulators = await forkSimulators(5);
try {
  const rows = [];
  for (const dir of args.dir) rows.push(await measure(dir, simulators.env));
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  console.log(`\n${count} subscriptions opened at once, one connection each; GET /health on a new connection every 20 ms meanwhile\n`);
  console.log('| build | /health idle p50 | during: p50 | p99 | max (probes) | opened | refused | first event p50 | all answered |');
  console.log('| --- | --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const r of rows) {
    console.log(
      `| ${r.dir} | ${ms(r.healthIdleP50)} | ${ms(r.healthBurstP50)} | ${ms(r.healthBurstP99)} | ${ms(r.healthBurstMax)} (${r.healthProbes}) | ${r.opened} | ${r.refused} | ${ms(r.firstEventP50)} | ${ms(r.allOpenMs)} |`,
    );
  }
} finally {
  simulators.child.kill();
}
