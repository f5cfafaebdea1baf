// The gateway as a Yoga app: schema, context (with the caller's scopes), GraphiQL, limits, metrics,
// health, readiness and the callback endpoint. It does not listen; gateway.ts puts it behind a socket.
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { createAuthenticator, type Principal } from './auth.js';
import type { Context, Services } from './context.js';
import { exampleOperations } from './graphiql.js';
import { yogaLogging } from './logger.js';
import { useAdmission } from './plugins/use-admission.js';
import { useBandwidthCallbacks } from './plugins/use-bandwidth-callbacks.js';
import { useCompiledExecution } from './plugins/use-compiled-execution.js';
import { useCsrfPrevention } from './plugins/use-csrf-prevention.js';
import { useDemoReset } from './plugins/use-demo-reset.js';
import { useEntityTags } from './plugins/use-entity-tags.js';
import { useGraphiQLOff } from './plugins/use-graphiql-off.js';
import { useIdempotency } from './plugins/use-idempotency.js';
import { useNoSuggestions } from './plugins/use-no-suggestions.js';
import { useOperationLog } from './plugins/use-operation-log.js';
import { useOperationMetrics } from './plugins/use-operation-metrics.js';
import { useQueryLimits } from './plugins/use-query-limits.js';
import { useReadiness } from './plugins/use-readiness.js';
import { useRequestErrorStatus } from './plugins/use-request-error-status.js';
import { requestIdOf, useRequestId } from './plugins/use-request-id.js';
import { useSubscriptions } from './plugins/use-subscriptions.js';
import { useTracing } from './plugins/use-tracing.js';
import { useTrustedDocuments } from './plugins/use-trusted-documents.js';
import { RequestLoaders } from './request-loaders.js';
import { schema } from './schema/index.js';
import { UpstreamCallLog } from './upstreams/http/call-log.js';
import { CallAllowance } from './upstreams/http/memo.js';

export type GatewayApp = YogaServerInstance<Record<string, never>, Context>;

export async function createGatewayApp(services: Services): Promise<GatewayApp> {
  const { logger } = services;
  // GraphiQL's bundle is some 30 MB of heap once loaded: only a gateway that serves it loads it.
  const renderGraphiQL = services.config.graphiql ? (await import('@graphql-yoga/render-graphiql')).renderGraphiQL : undefined;
  const authenticate = createAuthenticator(services.config.auth.jwtSecret);
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    // gateway.ts refuses bodies over MAX_BODY_BYTES by Content-Length before Yoga sees them, and bodies
    // of unstated length outright; Yoga's own limit would pipe every body through one more stream.
    maxRequestBodySize: false,
    // Synchronous for a known token: no promise per request where none is needed.
    context: ({ request }) => {
      const principal = authenticate(request);
      return principal instanceof Promise
        ? principal.then((p) => requestContext(services, request, p))
        : requestContext(services, request, principal);
    },
    // Never echo an unexpected error's message or stack, whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    graphiql: services.config.graphiql ? { title: 'Switchboard', defaultQuery: exampleOperations } : false,
    // GraphiQL's assets bundled in the page, not fetched from a CDN: it works offline and behind strict egress.
    ...(renderGraphiQL ? { renderGraphiQL } : {}),
    cors: corsOptions(services.config.corsOrigins),
    logging: yogaLogging(logger),
    plugins: [
      useRequestId(),
      ...(services.demoReset ? [useDemoReset(services.demoReset, authenticate)] : []),
      ...(services.config.graphiql ? [] : [useGraphiQLOff('/graphql')]),
      ...(services.config.trustedDocuments ? [useTrustedDocuments(services.config.trustedDocuments)] : []),
      // Before whatever runs or wraps execution: a replayed outcome takes no admission slot and invalidates nothing.
      // A keyed retry waits for the first for as long as a workflow of several upstream calls may take.
      useIdempotency({ store: services.store, ttlMs: services.config.idempotencyTtlMs, waitMs: 10 * services.config.upstreamTimeoutMs }),
      useCompiledExecution(),
      ...(services.admission ? [useAdmission(services.admission)] : []),
      // After compiled execution: the cache wraps the execute function graphql-jit set, or jit would replace it.
      ...(services.responseCache ? [services.responseCache.plugin, useEntityTags()] : []),
      useOperationLog(),
      ...(services.telemetry ? [useTracing()] : []),
      useDeferStream(),
      useOperationMetrics('/metrics', services.metrics),
      useRequestErrorStatus(),
      useQueryLimits(),
      useNoSuggestions(),
      useSubscriptions(services.config.maxSubscriptions),
      useCsrfPrevention(['x-graphql-yoga-csrf', 'apollo-require-preflight']),
      ...(services.config.introspection ? [] : [useDisableIntrospection()]),
      useReadiness('/readiness', services.ready),
      useBandwidthCallbacks({ credentials: services.config.callback, orders: services.orders, logger }),
    ],
  });
}

function requestContext(services: Services, request: Request, principal: Principal): Context {
  const requestId = requestIdOf(request);
  const upstreamCalls = new UpstreamCallLog();
  const requestTrace = services.telemetry ? { telemetry: services.telemetry } : undefined;
  const loaders = new RequestLoaders();
  return {
    services,
    request,
    requestId,
    principal,
    upstreamCalls,
    requestTrace,
    upstreams: services.upstreams.forRequest(requestId, {
      calls: upstreamCalls,
      trace: requestTrace,
      allowance: new CallAllowance(services.config.maxUpstreamCalls),
      onWrite: () => loaders.forget(),
    }),
    loaders,
  };
}

function corsOptions(origins: string[]) {
  if (origins.length === 0) return false;
  return { origin: origins.includes('*') ? '*' : origins, credentials: !origins.includes('*'), methods: ['GET', 'POST'] };
}
