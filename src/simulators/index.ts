// Starts the simulators of the upstreams that have no URL configured, with the gateway's credentials.
import type { UpstreamConfigs, UpstreamName } from '../config.js';
import { startCatapultSimulator } from './catapult.js';
import { startContactsSimulator } from './contacts.js';
import { startCustomerPhonesSimulator } from './customerPhones.js';
import { type CallbackTarget, startDashboardSimulator } from './dashboard.js';
import { startPhoneNumbersSimulator } from './phoneNumbers.js';
import type { Latency, SimulatorServer } from './server.js';
import { startUapiSimulator } from './uapi.js';

export interface Simulators {
  customerPhones: Awaited<ReturnType<typeof startCustomerPhonesSimulator>>;
  phoneNumbers: Awaited<ReturnType<typeof startPhoneNumbersSimulator>>;
  catapult: Awaited<ReturnType<typeof startCatapultSimulator>>;
  dashboard: Awaited<ReturnType<typeof startDashboardSimulator>>;
  contacts: Awaited<ReturnType<typeof startContactsSimulator>>;
  uapi: Awaited<ReturnType<typeof startUapiSimulator>>;
}

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
}

/** Starts a simulator for each upstream in `only` (default: each without a URL), configured with its credentials. */
export async function startSimulators(upstreams: UpstreamConfigs, options: StartSimulatorsOptions = {}): Promise<Partial<Simulators>> {
  const wanted = new Set(options.only ?? (Object.keys(upstreams) as UpstreamName[]).filter((name) => upstreams[name].url === undefined));
  const common = (name: UpstreamName) => ({
    host: options.host ?? '127.0.0.1',
    port: options.ports?.[name] ?? 0,
    latency: options.latency,
    recordRequests: options.recordRequests,
  });
  const started: Partial<Simulators> = {};
  try {
    if (wanted.has('customerPhones')) {
      started.customerPhones = await startCustomerPhonesSimulator({ ...common('customerPhones'), token: upstreams.customerPhones.token });
    }
    if (wanted.has('phoneNumbers')) {
      started.phoneNumbers = await startPhoneNumbersSimulator({
        ...common('phoneNumbers'),
        basePath: '/CustomerServices/v1.0',
        subscriptionKey: upstreams.phoneNumbers.key,
      });
    }
    if (wanted.has('catapult')) {
      started.catapult = await startCatapultSimulator({ ...common('catapult'), ...upstreams.catapult });
    }
    if (wanted.has('dashboard')) {
      started.dashboard = await startDashboardSimulator({
        ...common('dashboard'),
        basePath: '/api',
        ...upstreams.dashboard,
        orderStepMs: options.orderStepMs,
        callback: options.callback,
      });
    }
    if (wanted.has('contacts')) {
      started.contacts = await startContactsSimulator({ ...common('contacts'), token: upstreams.contacts.token });
    }
    if (wanted.has('uapi')) {
      started.uapi = await startUapiSimulator({ ...common('uapi'), token: upstreams.uapi.token });
    }
  } catch (error) {
    await closeSimulators(started);
    throw error;
  }
  return started;
}

export async function closeSimulators(simulators: Partial<Simulators>): Promise<void> {
  await Promise.all(Object.values(simulators).map((s: SimulatorServer) => s.close()));
}
