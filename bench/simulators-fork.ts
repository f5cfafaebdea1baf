// Starts bench/simulators-process.ts, the simulators in a process of their own (so they neither slow
// the load generator nor are slowed by it), and waits until they listen.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simulatorSettings } from '../src/config.js';
import type { UpstreamName } from '../src/upstreams/registry.js';
import type { SimulatorsReply } from './simulators-process.js';

export interface ForkedSimulators {
  child: ChildProcess;
  urls: Record<UpstreamName, string>;
  distinctFanoutNumbers: number;
  /** The settings that point a gateway at them, credentials included. */
  env: Record<string, string>;
  /** The next message the simulators send. */
  nextReply(): Promise<SimulatorsReply>;
}

export async function forkSimulators(latencyMs: number): Promise<ForkedSimulators> {
  const child = fork(fileURLToPath(new URL('./simulators-process.ts', import.meta.url)), {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, BENCH_LATENCY_MS: String(latencyMs) },
  });
  const nextReply = () => new Promise<SimulatorsReply>((resolve) => child.once('message', (message: SimulatorsReply) => resolve(message)));
  const started = await nextReply();
  if (started.type !== 'ready') throw new Error('the simulators did not start');
  const urls = started.urls as Record<UpstreamName, string>;
  return { child, urls, distinctFanoutNumbers: started.distinctFanoutNumbers, env: simulatorSettings((name) => urls[name]), nextReply };
}
