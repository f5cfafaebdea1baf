// Open-loop overload: operations sent at a fixed rate above what the production build serves, as a
// traffic spike does, on up to --connections at once. What the admission queue does then: what is
// served (answers without errors), refused (OVERLOADED), the latency, peak RSS, and the queue's limit,
// executing and waiting operations every second. A measurement, not a test: the machine is shared and
// noisy, so builds (`--dir`, repeatable) alternate over --rounds in the same run.
//
//   npm run build && npx tsx bench/overload.ts [--scenario distinct|fanout] [--rate 1600] [--dir /path/to/other/checkout]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startProductionBuild } from './production-start.js';
import { dashboardCustomers, fanoutIds } from './seed.js';
import { forkSimulators } from './simulators-fork.js';
import { signEveryScope } from './token.js';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'distinct' },
    /** Operations sent per second, whatever the answers. */
    rate: { type: 'string', default: '1600' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '2' },
    dir: { type: 'string', multiple: true, default: ['.'] },
  },
});
const seconds = Number(args.seconds);
const secret = 'overload-signing-key-of-at-least-32-chars';
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? Number.NaN;
const status = (pid: number | undefined, field: string) =>
  Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))?.[1]) / 1024;

const operation = readFileSync(
  new URL(`./operations/${args.scenario === 'fanout' ? 'fanout' : 'dashboard'}.graphql`, import.meta.url),
  'utf8',
);
const bodies =
  args.scenario === 'fanout'
    ? [JSON.stringify({ query: operation, variables: { ids: fanoutIds } })]
    : dashboardCustomers.map((id) => JSON.stringify({ query: operation, variables: { id } }));

async function measure(dir: string, env: Record<string, string>, token: string) {
  const { url, child, stop } = await startProductionBuild(dir, { ...env, AUTH_JWT_SECRET: secret });
  try {
    const queue: string[] = [];
    const sampler = setInterval(async () => {
      const metrics = await (await fetch(`${url}/metrics`)).text();
      const gauge = (name: string) => metrics.match(new RegExp(`^switchboard_admission_${name} (\\S+)$`, 'm'))?.[1] ?? '?';
      queue.push(`${gauge('limit')}/${gauge('executing')}/${gauge('waiting')}`);
    }, 1000);
    let sent = 0;
    let refused = 0;
    let failed = 0;
    const times: number[] = [];
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon(
        {
          url: `${url}/graphql`,
          method: 'POST',
          connections: Number(args.connections),
          overallRate: Number(args.rate),
          duration: seconds,
          timeout: 60,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          requests: [
            {
              setupRequest: (request: autocannon.Request) => {
                request.body = bodies[sent++ % bodies.length];
                return request;
              },
              onResponse: (_status: number, text: string) => {
                if (text.includes('"OVERLOADED"')) refused += 1;
                else if (text.includes('"errors"')) failed += 1;
              },
            },
          ],
        },
        (error, res) => (error ? reject(error) : resolve(res)),
      );
      instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
    });
    clearInterval(sampler);
    times.sort((a, b) => a - b);
    return {
      dir,
      served: (result.requests.total - refused - failed) / seconds,
      refused,
      failed: failed + result.errors + result.timeouts,
      p50: percentile(times, 0.5),
      p99: percentile(times, 0.99),
      peakRss: status(child.pid, 'VmHWM'),
      queue,
    };
  } finally {
    await stop();
  }
}

const simulators = await forkSimulators(5);
try {
  const token = await signEveryScope(secret, '1h');
  console.log(
    `\n${args.scenario} sent at ${args.rate} operations/s on up to ${args.connections} connections for ${seconds} s; the queue each second as limit/executing/waiting\n`,
  );
  console.log('| round | build | served/s | refused | failed | p50 | p99 | peak RSS | queue |');
  console.log('| --: | --- | --: | --: | --: | --: | --: | --: | --- |');
  for (let round = 0; round < Number(args.rounds); round += 1) {
    // Each round starts with the next build, so a slow spell of this machine does not always fall on the same one.
    const order = args.dir.map((_, i) => args.dir[(i + round) % args.dir.length] as string);
    for (const dir of order) {
      const reset = simulators.nextReply();
      simulators.child.send({ type: 'reset' });
      await reset;
      const r = await measure(dir, simulators.env, token);
      const ms = (value: number) => `${Math.round(value)} ms`;
      console.log(
        `| ${round} | ${r.dir} | ${Math.round(r.served)} | ${r.refused} | ${r.failed} | ${ms(r.p50)} | ${ms(r.p99)} | ${Math.round(r.peakRss)} MB | ${r.queue.join(' ')} |`,
      );
    }
  }
} finally {
  simulators.child.kill();
}
