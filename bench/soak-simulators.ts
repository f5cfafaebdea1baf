// The soak's upstreams, in a process of their own: the simulators with a little latency, orders that
// complete on their own, faults on demand, demo data restored on demand (so writes keep finding
// something to change), and a tally of the writes each upstream received per intent (x-request-id).
import { loadConfig } from '../src/config.js';
import { type Simulators, startSimulators } from '../src/simulators/index.js';
import type { Fault, RecordedRequest } from '../src/simulators/server.js';
import { type UpstreamName, upstreamNames } from '../src/upstreams/registry.js';

export type SoakMessage =
  | { type: 'fault'; upstream: UpstreamName; fault: Fault; times: number }
  | { type: 'clear' }
  | { type: 'restore' }
  | { type: 'writes' };
export type SoakReply =
  | { type: 'ready'; urls: Record<string, string> }
  | { type: 'done' }
  | { type: 'writes'; total: Record<string, number>; duplicated: { intent: string; write: string; times: number }[] };

const config = loadConfig({ LOG_LEVEL: 'silent' });
/** Writes by intent: x-request-id → "upstream METHOD path" → how many arrived. */
const writes = new Map<string, Map<string, number>>();
const total: Record<string, number> = {};
const tally = (upstream: UpstreamName) => (request: RecordedRequest) => {
  if (request.method === 'GET') return;
  const intent = String(request.headers['x-request-id'] ?? 'none');
  const write = `${upstream} ${request.method} ${request.path.split('?')[0]}`;
  const byIntent = writes.get(intent) ?? new Map<string, number>();
  byIntent.set(write, (byIntent.get(write) ?? 0) + 1);
  writes.set(intent, byIntent);
  const kind = `${upstream} ${request.method}`;
  total[kind] = (total[kind] ?? 0) + 1;
};

const sims = {} as Simulators;
for (const name of upstreamNames) {
  Object.assign(
    sims,
    await startSimulators(config.upstreams, {
      only: [name],
      latency: { fixedMs: 2, jitterMs: 3 },
      recordRequests: false,
      orderStepMs: 1000,
      onRequest: tally(name),
    }),
  );
}

const reply = (message: SoakReply) => process.send?.(message);
process.on('message', (message: SoakMessage) => {
  if (message.type === 'fault') sims[message.upstream].inject(message.fault, { times: message.times });
  if (message.type === 'clear') for (const name of upstreamNames) sims[name].clearFaults();
  if (message.type === 'restore') for (const name of upstreamNames) sims[name].restoreDemo();
  if (message.type === 'writes') {
    const duplicated = [...writes].flatMap(([intent, byWrite]) =>
      [...byWrite].filter(([, times]) => times > 1).map(([write, times]) => ({ intent, write, times })),
    );
    return reply({ type: 'writes', total, duplicated });
  }
  reply({ type: 'done' });
});
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready', urls: Object.fromEntries(upstreamNames.map((name) => [name, sims[name].url])) });
