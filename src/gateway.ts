// Wires one gateway: simulators for unset upstreams, the upstream clients, the order watcher and
// the Yoga app behind a node:http server. server.ts runs one; the tests start many on port 0.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Admission, type LoopLoad } from './admission.js';
import type { Config } from './config.js';
import type { Services } from './context.js';
import { demoReset } from './demo-reset.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';
import { operationsEndpoints, withoutOperationsEndpoints } from './operations-listener.js';
import { createResponseCache } from './response-cache.js';
import { closeSimulators, type Simulators, type StartSimulatorsOptions, startSimulators } from './simulators/index.js';
import { createUpstreams } from './upstreams/index.js';
import { descriptors, type UpstreamName, upstreamNames } from './upstreams/registry.js';
import { OrderBook } from './workflows/order-book.js';
import { DisconnectOrderWatcher } from './workflows/order-watch.js';
import { createSharedState } from './workflows/shared-state.js';
import { createGatewayApp, type GatewayApp } from './yoga.js';

export interface GatewayOptions {
  config: Config;
  logger?: Logger;
  /** Options for the simulators started for unset upstreams (latency, order timing). */
  simulators?: Omit<StartSimulatorsOptions, 'only' | 'callback'>;
  /** Where the admission queue reads the event loop's load; tests set it. */
  loopLoad?: () => LoopLoad;
}

export interface Gateway {
  /** The gateway's base URL, e.g. http://127.0.0.1:4000 (GraphQL at /graphql). */
  url: string;
  /** With METRICS_PORT: the base URL of /metrics, /health and /readiness. */
  operationsUrl: string | undefined;
  app: GatewayApp;
  services: Services;
  server: Server;
  simulators: Partial<Simulators>;
  /**
   * Stops gracefully: readiness answers 503 at once, open subscriptions end with `complete`, operations
   * in flight finish (for at most `graceMs`, SHUTDOWN_GRACE_MS by default), then the connections to
   * clients, upstreams and Redis close.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

type Listener = (req: IncomingMessage, res: ServerResponse) => unknown;

/**
 * Counts the requests in flight, and during a drain tells clients to reconnect elsewhere. A request is
 * in flight until its response is closed and its handler has settled: a client that hangs up does not
 * end the operation it started, and a workflow cut off by the upstream connections closing under it
 * would be left half-done.
 */
function drainable(next: Listener) {
  let inFlight = 0;
  let draining = false;
  const waiting = new Set<() => void>();
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    if (draining) res.setHeader('connection', 'close');
    let open = 2;
    const settle = () => {
      open -= 1;
      if (open > 0) return;
      inFlight -= 1;
      if (inFlight === 0) for (const done of waiting) done();
    };
    res.once('close', settle);
    Promise.resolve(next(req, res)).finally(settle);
  };
  const drain = (graceMs: number) => {
    draining = true;
    if (inFlight === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      waiting.add(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  };
  return { listener, drain };
}

/**
 * Refuses request bodies over the limit before Yoga reads them: by Content-Length up front, and a
 * body of unstated length (chunked) is refused outright, since it could only be measured by reading it.
 */
function boundedBodies(maxBytes: number, next: Listener): Listener {
  const refuse = (res: ServerResponse, status: number, message: string) =>
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close' }).end(JSON.stringify({ errors: [{ message }] }));
  return (req, res) => {
    const length = req.headers['content-length'];
    if (length !== undefined && Number(length) > maxBytes)
      return refuse(res, 413, `the request body is over the limit of ${maxBytes} bytes`);
    if (length === undefined && req.headers['transfer-encoding'] !== undefined) {
      return refuse(res, 411, 'a request body must state its Content-Length');
    }
    return next(req, res);
  };
}

export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  if (config.production && upstreamNames.some((name) => config.upstreams[name].url === undefined)) {
    throw new Error('simulators never start in production'); // loadConfig already refuses this; a guard for other callers
  }

  const simulators = await startSimulators(config.upstreams, { ...config.simulators, ...options.simulators, host: '127.0.0.1' });
  const urls = {} as Record<UpstreamName, string>;
  for (const { name, urlSetting } of descriptors) {
    const simulator = simulators[name];
    urls[name] = config.upstreams[name].url ?? (simulator as { url: string }).url;
    if (simulator) logger.info({ upstream: name, url: simulator.url }, `${urlSetting} is not set: serving ${name} from its simulator`);
  }

  let ready = false;
  const admission = config.admission && new Admission({ ...config.admission, load: options.loopLoad });
  const metrics = createMetrics(admission);
  const upstreams = createUpstreams(config, urls, logger, metrics);
  const shared = await createSharedState(config.redisUrl, logger);
  const orders = new DisconnectOrderWatcher({
    upstreams,
    pubsub: shared.pubsub,
    leases: shared.leases,
    logger,
    pollMs: config.disconnectPollMs,
  });
  const responseCache = await createResponseCache(config.responseCacheTtlMs, shared.redis);
  // Loaded only when configured: without an endpoint, tracing costs nothing, not even the SDK's modules.
  const telemetry = config.otel
    ? (await import('./telemetry.js')).startTelemetry(config.otel.endpoint, config.otel.serviceName)
    : undefined;
  const services: Services = {
    config,
    logger,
    upstreams,
    orders,
    metrics,
    admission,
    // A filing reads orders and posts one, each within the upstream budget; a marker older than three budgets was orphaned.
    orderBook: new OrderBook(shared.store, 3 * config.upstreamTimeoutMs),
    store: shared.store,
    responseCache,
    telemetry,
    ready: () => ready && shared.ready(),
  };
  services.demoReset = demoReset(simulators, services);
  const app = await createGatewayApp(services);
  const requests = drainable(boundedBodies(config.maxBodyBytes, app));
  const { headersMs, requestMs } = config.requestTimeouts;
  // A client that trickles its headers or body holds a socket and a parser: both are bounded, and checked
  // often enough that the bound is what a client meets (Node checks every 30 s by default).
  const server = createServer(
    { headersTimeout: headersMs, requestTimeout: requestMs, connectionsCheckingInterval: Math.min(1000, Math.ceil(headersMs / 2)) },
    config.operationsListener ? withoutOperationsEndpoints(requests.listener) : requests.listener,
  );
  const operations = config.operationsListener && {
    ...config.operationsListener,
    server: createServer(operationsEndpoints(metrics.registry, services.ready)),
  };
  const operationsServer = operations?.server;

  try {
    await listen(server, config.port, config.host);
    if (operations) await listen(operations.server, operations.port, operations.host);
  } catch (error) {
    server.close();
    await Promise.all([upstreams.close(), closeSimulators(simulators), shared.close()]);
    throw error;
  }
  const url = baseUrl(server);
  if (simulators.dashboard && config.callback) {
    simulators.dashboard.setCallback({ url: `${config.publicUrl ?? url}/callbacks/bandwidth`, ...config.callback });
  }
  ready = true;

  return {
    url,
    operationsUrl: operationsServer ? baseUrl(operationsServer) : undefined,
    app,
    services,
    server,
    simulators,
    close: async ({ graceMs = config.shutdownGraceMs } = {}) => {
      ready = false;
      orders.close();
      admission?.close();
      await requests.drain(graceMs);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      // Last, so readiness says 503 to the orchestrator for the whole drain.
      operationsServer?.close();
      operationsServer?.closeAllConnections();
      await Promise.all([upstreams.close(), closeSimulators(simulators), shared.close(), telemetry?.shutdown()]);
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

function baseUrl(server: Server): string {
  const address = server.address() as AddressInfo;
  return `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
}
