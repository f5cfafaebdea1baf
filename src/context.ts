// What every resolver receives: the process's upstream clients and services; per-request loaders hang off it.
import type { Logger } from 'pino';
import type { Admission } from './admission.js';
import type { Principal } from './auth.js';
import type { Config } from './config.js';
import type { GatewayMetrics } from './metrics.js';
import type { RequestLoaders } from './request-loaders.js';
import type { ResponseCache } from './response-cache.js';
import type { RequestTrace, Telemetry } from './telemetry.js';
import type { UpstreamCallLog } from './upstreams/http/call-log.js';
import type { UpstreamClients, Upstreams } from './upstreams/index.js';
import type { OrderBook } from './workflows/order-book.js';
import type { DisconnectOrderWatcher } from './workflows/order-watch.js';
import type { SharedStore } from './workflows/shared-state.js';

export interface Services {
  config: Config;
  logger: Logger;
  upstreams: Upstreams;
  orders: DisconnectOrderWatcher;
  metrics: GatewayMetrics;
  /** Which disconnect order was filed for which number, shared by every instance. */
  orderBook: OrderBook;
  /** Small facts every instance must see: the order book's, and the outcomes of keyed mutations. */
  store: SharedStore;
  /** With RESPONSE_CACHE_TTL_MS: the cache that writes invalidate. */
  responseCache: ResponseCache | undefined;
  /** Queues operations while the event loop is saturated; undefined with ADMISSION_MIN_CONCURRENCY=0. */
  admission: Admission | undefined;
  /** With OTEL_EXPORTER_OTLP_ENDPOINT: the tracer and its propagation. */
  telemetry: Telemetry | undefined;
  /** True once configuration is valid and the upstream pools exist; false again while shutting down. */
  ready(): boolean;
  /** In development with every upstream simulated: puts the demo back as it began (POST /simulators/reset). */
  demoReset?: (() => Promise<void>) | undefined;
}

/**
 * Yoga builds one per request, so the loaders cached on it (see loaders.ts) live for one request.
 * Its upstream clients speak for the request: its id goes to upstreams and onto their log lines.
 */
export type Context = {
  /** The process's services, the same for every request. */
  services: Services;
  /** The upstream clients, speaking for this request. */
  upstreams: UpstreamClients;
  request: Request;
  requestId: string;
  principal: Principal;
  /** The upstream calls the request has made so far, summed per endpoint for its operation's log line. */
  upstreamCalls: UpstreamCallLog;
  /** With tracing on: where the request's upstream calls find its operation's span. */
  requestTrace: RequestTrace | undefined;
  /** The request's dataloaders, cleared whenever the request writes. */
  loaders: RequestLoaders;
};
