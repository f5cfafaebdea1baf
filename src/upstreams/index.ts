// The five upstream clients, each over its own keep-alive pool, built once per process.
import type { Logger } from 'pino';
import type { Config, UpstreamName } from '../config.js';
import type { GatewayMetrics } from '../metrics.js';
import { CatapultClient } from './catapult/client.js';
import { ContactsClient } from './contacts/client.js';
import { CustomerPhonesClient } from './customerPhones/client.js';
import { DashboardClient } from './dashboard/client.js';
import { basicAuth, UpstreamHttp } from './http.js';
import { PhoneNumbersClient } from './phoneNumbers/client.js';
import { UapiClient } from './uapi/client.js';

export interface Upstreams {
  customerPhones: CustomerPhonesClient;
  phoneNumbers: PhoneNumbersClient;
  catapult: CatapultClient;
  dashboard: DashboardClient;
  contacts: ContactsClient;
  uapi: UapiClient;
  close(): Promise<void>;
}

/** Builds the clients; `urls` are the base URLs in use (configured, or the simulators'). */
export function createUpstreams(
  config: Config,
  urls: Record<UpstreamName, string>,
  logger?: Logger,
  metrics?: GatewayMetrics,
): Upstreams {
  const { upstreams } = config;
  const pools: UpstreamHttp[] = [];
  const http = (upstream: UpstreamName, headers: Record<string, string>) => {
    const pool = new UpstreamHttp({
      upstream,
      baseUrl: urls[upstream],
      timeoutMs: config.upstreamTimeoutMs,
      headers,
      logger,
      resilience: config.resilience,
      metrics: metrics?.upstreamDuration,
    });
    pools.push(pool);
    return pool;
  };
  return {
    customerPhones: new CustomerPhonesClient(http('customerPhones', { authorization: `Bearer ${upstreams.customerPhones.token}` })),
    phoneNumbers: new PhoneNumbersClient(http('phoneNumbers', { 'ocp-apim-subscription-key': upstreams.phoneNumbers.key })),
    catapult: new CatapultClient(
      http('catapult', { authorization: basicAuth(upstreams.catapult.apiToken, upstreams.catapult.apiSecret) }),
      upstreams.catapult.userId,
    ),
    dashboard: new DashboardClient(
      http('dashboard', { authorization: basicAuth(upstreams.dashboard.username, upstreams.dashboard.password) }),
      upstreams.dashboard.accountId,
    ),
    contacts: new ContactsClient(http('contacts', { authorization: `Bearer ${upstreams.contacts.token}` })),
    uapi: new UapiClient(http('uapi', { authorization: `Bearer ${upstreams.uapi.token}` })),
    close: async () => {
      await Promise.all(pools.map((pool) => pool.close()));
    },
  };
}
