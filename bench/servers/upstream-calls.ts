// The upstream requests every benchmark server makes, exactly those the gateway sends, over keep-alive
// undici pools with the gateway's credentials; and the JSON the three scenarios answer, built by hand.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { Pool } from 'undici';
import { loadConfig } from '../../src/config.js';
import { credentialHeaders } from '../../src/upstreams/index.js';
import type { UpstreamName } from '../../src/upstreams/registry.js';

export interface CustomerPhoneWire {
  key: string;
  type: string;
  country?: string;
  numberInternational?: string;
}
export interface PhoneNumberWire {
  phoneNumberId: string;
  type: string;
  name?: string;
  countryCode?: string;
  areaCode?: string;
  phoneNumber: string;
  isPrimary: string;
}
export interface CarrierWire {
  id: string;
  numberState?: string;
  city?: string;
  state?: string;
}
export interface ContactWire {
  id: string;
  type: string;
  value?: string;
  status: string;
}

/** The upstream calls, configured from the same environment the gateway reads. */
export function upstreamCalls(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig({ ...env, NODE_ENV: 'development' });
  const auth = credentialHeaders(config);
  const pools = new Map<UpstreamName, { pool: Pool; prefix: string }>();
  const at = (upstream: UpstreamName) => {
    let entry = pools.get(upstream);
    if (!entry) {
      const url = new URL(config.upstreams[upstream].url ?? '');
      entry = { pool: new Pool(url.origin, { connections: 128, keepAliveTimeout: 30_000 }), prefix: url.pathname.replace(/\/+$/, '') };
      pools.set(upstream, entry);
    }
    return entry;
  };
  const call = async <T>(upstream: UpstreamName, method: 'GET' | 'DELETE', path: string): Promise<T | null> => {
    const { pool, prefix } = at(upstream);
    const res = await pool.request({ method, path: prefix + path, headers: auth[upstream] });
    const text = await res.body.text();
    // A number the carrier does not know is a 404 and a null, as in the gateway; anything else over 400 fails.
    if (res.statusCode >= 400 && res.statusCode !== 404) throw new Error(`${upstream} answered HTTP ${res.statusCode}`);
    return res.statusCode === 200 && text ? (JSON.parse(text) as T) : null;
  };
  const userId = config.upstreams.catapult.settings.CATAPULT_USER_ID;
  return {
    phones: (id: string) => call<{ version: string; phones: CustomerPhoneWire[] }>('customerPhones', 'GET', `/v1/customers/${id}/phones`),
    phoneNumbers: (id: string) => call<PhoneNumberWire[]>('phoneNumbers', 'GET', `/customers/${id}/phoneNumbers`),
    contacts: (id: string, page: number, size: number) =>
      call<{ content: ContactWire[]; pageable: { totalElements: number } }>(
        'contacts',
        'GET',
        `/api/v2/customer/${id}/contact?page=${page}&size=${size}`,
      ),
    carrier: (e164: string) => call<CarrierWire>('catapult', 'GET', `/v1/users/${userId}/phoneNumbers/${e164}`),
    hangUp: async (extension: string, phoneNumber: string) =>
      (
        (await call<{ id: string }[]>(
          'uapi',
          'DELETE',
          `/uapi/phoneCalls/@me/${extension}?phoneNumber=${encodeURIComponent(phoneNumber)}`,
        )) ?? []
      ).map((c) => c.id),
    close: () => Promise.all([...pools.values()].map(({ pool }) => pool.close())),
  };
}
export type UpstreamCalls = ReturnType<typeof upstreamCalls>;

// The gateway remembers each number's E.164 across requests; so does every server here.
const known = new Map<string, string | null>();
const e164 = (text: string | undefined, country = 'US'): string | null => {
  if (!text) return null;
  const key = `${country}|${text}`;
  let value = known.get(key);
  if (value === undefined) {
    value = parsePhoneNumberFromString(text, country as 'US')?.number ?? null;
    known.set(key, value);
  }
  return value;
};
export const customerPhoneE164 = (p: CustomerPhoneWire) => e164(p.numberInternational, p.country);
export const phoneNumberE164 = (p: PhoneNumberWire) =>
  e164(`+${String(p.countryCode ?? '+1').replace('+', '')} ${p.areaCode ?? ''} ${p.phoneNumber}`);

/** A request's carrier lookups, each distinct number once (what the gateway's loader achieves). */
export function carrierLookups(calls: UpstreamCalls) {
  const seen = new Map<string, Promise<CarrierWire | null>>();
  return (number: string | null): Promise<CarrierWire | null> => {
    if (number === null) return Promise.resolve(null);
    let found = seen.get(number);
    if (!found) {
      found = calls.carrier(number);
      seen.set(number, found);
    }
    return found;
  };
}

/** Serves a node:http listener on a free loopback port and tells the parent process which. */
export function announce(server: import('node:http').Server): void {
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
  });
  process.on('disconnect', () => process.exit(0));
  // An orderly exit, so a CPU profile (--cpu-prof) is written.
  process.on('SIGTERM', () => process.exit(0));
}
