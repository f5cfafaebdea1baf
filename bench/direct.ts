// The direct baseline: the same upstream calls a hand-written backend-for-frontend would make for
// each scenario, over keep-alive undici pools, with no GraphQL, validation or policies in between.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { Pool } from 'undici';
import type { Config, UpstreamName } from '../src/config.js';
import { credentialHeaders } from '../src/upstreams/index.js';

// biome-ignore lint/suspicious/noExplicitAny: the baseline reads upstream JSON as a hand-written service would, unchecked
type Json = Record<string, unknown> & { [key: string]: any };

export function createDirectClient(config: Config, urls: Record<UpstreamName, string>) {
  const pools = new Map<UpstreamName, { pool: Pool; prefix: string }>();
  const at = (upstream: UpstreamName) => {
    let entry = pools.get(upstream);
    if (!entry) {
      const url = new URL(urls[upstream]);
      entry = { pool: new Pool(url.origin, { connections: 128, keepAliveTimeout: 30_000 }), prefix: url.pathname.replace(/\/+$/, '') };
      pools.set(upstream, entry);
    }
    return entry;
  };
  const { upstreams } = config;
  const auth = credentialHeaders(config);
  const call = async (upstream: UpstreamName, method: 'GET' | 'DELETE', path: string): Promise<Json | null> => {
    const { pool, prefix } = at(upstream);
    const res = await pool.request({ method, path: prefix + path, headers: auth[upstream] });
    const text = await res.body.text();
    // A number the carrier does not know is a 404 and a null, as in the gateway; anything else over 400 fails.
    if (res.statusCode >= 400 && res.statusCode !== 404) throw new Error(`${upstream} answered HTTP ${res.statusCode}`);
    return res.statusCode === 200 && text ? (JSON.parse(text) as Json) : null;
  };
  const e164 = (text: string | undefined, country?: string) =>
    text ? (parsePhoneNumberFromString(text, (country ?? 'US') as 'US')?.number ?? null) : null;
  const carriers = (numbers: Iterable<string | null>) =>
    Promise.all(
      [...new Set([...numbers].filter((n): n is string => n !== null))].map((n) =>
        call('catapult', 'GET', `/v1/users/${upstreams.catapult.settings.CATAPULT_USER_ID}/phoneNumbers/${n}`),
      ),
    );
  const local = (p: Json) => e164(`+${String(p.countryCode ?? '+1').replace('+', '')} ${p.areaCode ?? ''} ${p.phoneNumber}`);

  return {
    async dashboard(id: string): Promise<string> {
      const [phones, numbers, contacts] = await Promise.all([
        call('customerPhones', 'GET', `/v1/customers/${id}/phones`),
        call('phoneNumbers', 'GET', `/customers/${id}/phoneNumbers`),
        call('contacts', 'GET', `/api/v2/customer/${id}/contact?page=0&size=20`),
      ]);
      const phoneList = (phones?.phones ?? []) as Json[];
      const numberList = (numbers ?? []) as unknown as Json[];
      const found = await carriers([...phoneList.map((p) => e164(p.numberInternational, p.country)), ...numberList.map(local)]);
      return JSON.stringify({ phones, numbers, contacts, found });
    },
    async fanout(ids: string[]): Promise<string> {
      const lists = await Promise.all([...new Set(ids)].map((id) => call('phoneNumbers', 'GET', `/customers/${id}/phoneNumbers`)));
      const found = await carriers(lists.flatMap((l) => ((l ?? []) as unknown as Json[]).map(local)));
      return JSON.stringify({ lists, found });
    },
    async hangUp(extension: string, phoneNumber: string): Promise<string> {
      return JSON.stringify(
        await call('uapi', 'DELETE', `/uapi/phoneCalls/@me/${extension}?phoneNumber=${encodeURIComponent(phoneNumber)}`),
      );
    },
    close: () => Promise.all([...pools.values()].map(({ pool }) => pool.close())),
  };
}
