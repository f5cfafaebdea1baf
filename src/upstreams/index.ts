// The upstream clients, each over its own keep-alive pool, built once per process from the registry;
// each request gets the same clients speaking on its behalf (its request id, its memo of reads).
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { GatewayMetrics } from '../metrics.js';
import { redactor } from './http/redact.js';
import type { RequestOptions } from './http/request.js';
import { UpstreamHttp } from './http/transport.js';
import { descriptors, type UpstreamClients, type UpstreamName } from './registry.js';

export type { UpstreamClients } from './registry.js';

export interface Upstreams extends UpstreamClients {
  /** The clients, calling on behalf of one request (its id goes upstream and onto log lines; its reads are memoized). */
  forRequest(requestId: string, options?: RequestOptions): UpstreamClients;
  close(): Promise<void>;
}

/** The credentials each upstream takes, as request headers. */
export function credentialHeaders(config: Config): Record<UpstreamName, Record<string, string>> {
  return Object.fromEntries(descriptors.map((d) => [d.name, d.headers(config.upstreams[d.name].settings)])) as Record<
    UpstreamName,
    Record<string, string>
  >;
}

/** Builds the clients; `urls` are the base URLs in use (configured, or the simulators'). */
export function createUpstreams(config: Config, urls: Record<UpstreamName, string>, logger?: Logger, metrics?: GatewayMetrics): Upstreams {
  const headers = credentialHeaders(config);
  // One redactor for every upstream: none of the gateway's credentials may come back through any of them.
  const redact = redactor(
    config.secrets,
    Object.values(headers).flatMap((h) => Object.values(h)),
  );
  const pools = Object.fromEntries(
    descriptors.map((d) => [
      d.name,
      new UpstreamHttp({
        upstream: d.name,
        baseUrl: urls[d.name],
        timeoutMs: config.upstreamTimeoutMs,
        headers: headers[d.name],
        readFailure: d.readFailure,
        redact,
        maxBodyBytes: config.upstreamMaxBodyBytes,
        coalesce: config.coalesceReads,
        logger,
        resilience: config.resilience,
        metrics: metrics?.upstreamDuration,
      }),
    ]),
  ) as Record<UpstreamName, UpstreamHttp>;
  const shared = clientsOver(config, (upstream) => pools[upstream]);
  return Object.assign(shared, {
    forRequest: (requestId: string, options?: RequestOptions) =>
      clientsOver(config, (upstream) => pools[upstream].forRequest(requestId, options)),
    close: async () => {
      await Promise.all(Object.values(pools).map((pool) => pool.close()));
    },
  });
}

/**
 * The clients over these HTTP layers, each made on first use: a request builds only those its operation
 * calls (`hello` none). The getters are defined once, on the prototype; defining six per request made
 * every request's clients a slow, dictionary-mode object.
 */
class LazyClients {
  readonly made: Partial<Record<UpstreamName, unknown>> = {};
  constructor(
    readonly config: Config,
    readonly http: (upstream: UpstreamName) => UpstreamHttp,
  ) {}
}
for (const d of descriptors) {
  Object.defineProperty(LazyClients.prototype, d.name, {
    get(this: LazyClients) {
      let client = this.made[d.name];
      if (client === undefined) {
        client = d.client(this.http(d.name), this.config.upstreams[d.name].settings);
        this.made[d.name] = client;
      }
      return client;
    },
  });
}

function clientsOver(config: Config, http: (upstream: UpstreamName) => UpstreamHttp): UpstreamClients {
  return new LazyClients(config, http) as unknown as UpstreamClients;
}
