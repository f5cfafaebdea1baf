// Starts the simulators of the upstreams that have no URL configured, with the gateway's credentials.
import type { UpstreamConfigs } from '../config.js';
import type { SimulatorSetup } from '../upstreams/descriptor.js';
import { descriptors, type Simulators, type UpstreamName } from '../upstreams/registry.js';
import type { CallbackTarget } from './dashboard.js';
import type { Latency, SimulatorServer } from './server.js';

export type { Simulators } from '../upstreams/registry.js';

export interface StartSimulatorsOptions {
  host?: string;
  /** Fixed ports by upstream (for `npm run simulators`); 0 or absent picks a free one. */
  ports?: Partial<Record<UpstreamName, number>>;
  latency?: Partial<Latency>;
  orderStepMs?: number | 'manual';
  callback?: CallbackTarget | undefined;
  /** Start only these; by default every upstream whose URL is unset. */
  only?: UpstreamName[];
  recordRequests?: boolean;
  onRequest?: SimulatorSetup['onRequest'];
}

/** Starts a simulator for each upstream in `only` (default: each without a URL), configured with its credentials. */
export async function startSimulators(upstreams: UpstreamConfigs, options: StartSimulatorsOptions = {}): Promise<Partial<Simulators>> {
  const wanted = descriptors.filter((d) => (options.only ? options.only.includes(d.name) : upstreams[d.name].url === undefined));
  const started: Partial<Record<UpstreamName, SimulatorServer>> = {};
  try {
    for (const d of wanted) {
      const setup: SimulatorSetup = {
        host: options.host ?? '127.0.0.1',
        port: options.ports?.[d.name] ?? 0,
        latency: options.latency,
        recordRequests: options.recordRequests,
        onRequest: options.onRequest,
        orderStepMs: options.orderStepMs,
        callback: options.callback,
      };
      started[d.name] = await d.simulator(setup, upstreams[d.name].settings);
    }
  } catch (error) {
    await closeSimulators(started);
    throw error;
  }
  return started as Partial<Simulators>;
}

export async function closeSimulators(simulators: Partial<Record<UpstreamName, SimulatorServer>>): Promise<void> {
  await Promise.all(Object.values(simulators).map((s) => s.close()));
}
