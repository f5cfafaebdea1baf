// The five upstream clients, each over its own keep-alive pool, built once per process; each
// request gets the same clients speaking on its behalf (its request id, its logger).
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

export interface UpstreamClients {
  customerPhones: CustomerPhonesClient;
  phoneNumbers: PhoneNumbersClient;
  catapult: CatapultClient;
  dashboard: DashboardClient;
  contacts: ContactsClient;
  uapi: UapiClient;
}

export interface Upstreams extends UpstreamClients {
  /** The clients, calling on behalf of one request (its id goes upstream and onto log lines). */
  forRequest(requestId: string): UpstreamClients;
  close(): Promise<void>;
}

/** The credentials each upstream takes, as request headers. */
export function credentialHeaders({ upstreams }: Config): Record<UpstreamName, Record<string, string>> {
  return {
    customerPhones: { authorization: `Bearer ${upstreams.customerPhones.token}` },
    phoneNumbers: { 'ocp-apim-subscription-key': upstreams.phoneNumbers.key },
    catapult: { authorization: basicAuth(upstreams.catapult.apiToken, upstreams.catapult.apiSecret) },
    dashboard: { authorization: basicAuth(upstreams.dashboard.username, upstreams.dashboard.password) },
    contacts: { authorization: `Bearer ${upstreams.contacts.token}` },
    uapi: { authorization: `Bearer ${upstreams.uapi.token}` },
  };
}

/** Builds the clients; `urls` are the base URLs in use (configured, or the simulators'). */
export function createUpstreams(config: Config, urls: Record<UpstreamName, string>, logger?: Logger, metrics?: GatewayMetrics): Upstreams {
  const headers = credentialHeaders(config);
  const pools = Object.fromEntries(
    (Object.keys(headers) as UpstreamName[]).map((upstream) => [
      upstream,
      new UpstreamHttp({
        upstream,
        baseUrl: urls[upstream],
        timeoutMs: config.upstreamTimeoutMs,
        headers: headers[upstream],
        logger,
        resilience: config.resilience,
        metrics: metrics?.upstreamDuration,
      }),
    ]),
  ) as Record<UpstreamName, UpstreamHttp>;
  const clients = new RequestClients(config, (upstream) => pools[upstream]);
  return {
    customerPhones: clients.customerPhones,
    phoneNumbers: clients.phoneNumbers,
    catapult: clients.catapult,
    dashboard: clients.dashboard,
    contacts: clients.contacts,
    uapi: clients.uapi,
    forRequest: (requestId) => new RequestClients(config, (upstream) => pools[upstream].forRequest(requestId)),
    close: async () => {
      await Promise.all(Object.values(pools).map((pool) => pool.close()));
    },
  };
}

/** Each client made on first use: a request builds only those its operation calls (`hello` none). */
class RequestClients implements UpstreamClients {
  private made: Partial<UpstreamClients> = {};

  constructor(
    private readonly config: Config,
    private readonly http: (upstream: UpstreamName) => UpstreamHttp,
  ) {}

  get customerPhones(): CustomerPhonesClient {
    return (this.made.customerPhones ??= new CustomerPhonesClient(this.http('customerPhones')));
  }

  get phoneNumbers(): PhoneNumbersClient {
    return (this.made.phoneNumbers ??= new PhoneNumbersClient(this.http('phoneNumbers')));
  }

  get catapult(): CatapultClient {
    return (this.made.catapult ??= new CatapultClient(this.http('catapult'), this.config.upstreams.catapult.userId));
  }

  get dashboard(): DashboardClient {
    return (this.made.dashboard ??= new DashboardClient(this.http('dashboard'), this.config.upstreams.dashboard.accountId));
  }

  get contacts(): ContactsClient {
    return (this.made.contacts ??= new ContactsClient(this.http('contacts')));
  }

  get uapi(): UapiClient {
    return (this.made.uapi ??= new UapiClient(this.http('uapi')));
  }
}
