// The upstream APIs the gateway speaks to: one line each. Everything that is per upstream (settings,
// credentials, clients, simulators, the secret list) is derived from this list.

import type { SimulatorServer } from '../simulators/server.js';
import { catapult } from './catapult/index.js';
import { contacts } from './contacts/index.js';
import { customerPhones } from './customerPhones/index.js';
import { dashboard } from './dashboard/index.js';
import type { UpstreamDescriptor } from './descriptor.js';
import { phoneNumbers } from './phoneNumbers/index.js';
import { uapi } from './uapi/index.js';

export const registry = [customerPhones, phoneNumbers, catapult, dashboard, contacts, uapi] as const;

type Descriptor = (typeof registry)[number];
export type UpstreamName = Descriptor['name'];
type Settings<D extends Descriptor> = Parameters<D['client']>[1];

export const upstreamNames: UpstreamName[] = registry.map((d) => d.name);

/** Each upstream's client type, by name. */
export type UpstreamClients = { [D in Descriptor as D['name']]: ReturnType<D['client']> };

/** Each upstream's simulator type, by name. */
export type Simulators = { [D in Descriptor as D['name']]: Awaited<ReturnType<D['simulator']>> };

/** Each upstream's credential settings, by name (e.g. settings.catapult.CATAPULT_USER_ID). */
export type UpstreamSettings = { [D in Descriptor as D['name']]: Settings<D> };

type CredentialsOf<D> = D extends { credentials: infer R } ? keyof R & string : never;
/** Every credential setting of every upstream. */
export type CredentialSetting = CredentialsOf<Descriptor>;

/** A descriptor seen without its exact types, for the code that loops over all of them. */
export type AnyDescriptor = UpstreamDescriptor<UpstreamName, string, unknown, SimulatorServer>;
export const descriptors = registry as unknown as readonly AnyDescriptor[];
