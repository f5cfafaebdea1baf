// What the gateway knows of one upstream API, in one place: its name, its settings, its credentials
// (and the ones its simulator takes), how it is called, and its simulator. The registry lists them;
// configuration, the client wiring, the simulators and the secret list are all derived from it.
import type { Scope } from '../auth.js';
import type { CallbackTarget } from '../simulators/dashboard.js';
import type { Latency, SimulatorOptions, SimulatorServer } from '../simulators/server.js';
import type { ReadFailure } from './http/errors.js';
import type { UpstreamHttp } from './http/transport.js';

/** How the simulators are started: the same for every upstream; each takes what concerns it. */
export interface SimulatorSetup {
  host: string;
  port: number;
  latency?: Partial<Latency> | undefined;
  recordRequests?: boolean | undefined;
  onRequest?: SimulatorOptions['onRequest'];
  /** Dashboard: time between an order's steps; 'manual' leaves stepping to the test. */
  orderStepMs?: number | 'manual' | undefined;
  /** Dashboard: where order callbacks go. */
  callback?: CallbackTarget | undefined;
}

export interface UpstreamDescriptor<N extends string, C extends string, Client, Sim extends SimulatorServer> {
  /** The one name: in code, logs, metrics and `extensions.upstream`. */
  name: N;
  /** What it is, for people: the document's title. */
  title: string;
  /** The base URL setting (everything before the documented path); unset: the simulator serves it. */
  urlSetting: string;
  /** Its other settings, each with the value the simulator is started with, and whether it is a secret. */
  credentials: Record<C, { simulator: string; secret: boolean }>;
  /** Where `npm run simulators` serves it; each upstream its own. */
  simulatorPort: number;
  /** The token scopes that grant the fields it serves (each in auth.ts's list, each on some field). */
  scopes: readonly Scope[];
  /** The request headers that carry its credentials. */
  headers(settings: Record<C, string>): Record<string, string>;
  /** Its error dialect: what its failed answers' bodies say. */
  readFailure?: ReadFailure;
  /** Its client, over one HTTP layer (per request). */
  client(http: UpstreamHttp, settings: Record<C, string>): Client;
  /** Starts its simulator with these settings (loaded only when a simulator is started). */
  simulator(setup: SimulatorSetup, settings: Record<C, string>): Promise<Sim>;
}

/** Declares an upstream, keeping its name, settings and client types exact for the registry. */
export function defineUpstream<const N extends string, const C extends string, Client, Sim extends SimulatorServer>(
  descriptor: UpstreamDescriptor<N, C, Client, Sim>,
): UpstreamDescriptor<N, C, Client, Sim> {
  return descriptor;
}
