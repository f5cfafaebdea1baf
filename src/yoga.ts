// The gateway as a Yoga app: schema, context, GraphiQL, health, readiness and the callback endpoint.
// It does not listen; server.ts and the tests put it behind a socket.
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { readFileSync } from 'node:fs';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { BREAK, visit, type DocumentNode } from 'graphql';
import { z } from 'zod';
import { createYoga, useReadinessCheck, type YogaServerInstance } from 'graphql-yoga';
import { createAuthenticator } from './auth.js';
import type { Config } from './config.js';
import type { Context, Services } from './context.js';
import { exampleOperations } from './graphiql.js';
import { useQueryLimits } from './limits.js';
import { useBandwidthCallbacks } from './plugins/use-bandwidth-callbacks.js';
import { useRequestErrorStatus } from './plugins/use-request-error-status.js';
import { schema } from './schema/index.js';

export type GatewayApp = YogaServerInstance<Record<string, never>, Context>;

export function createGatewayApp(services: Services): GatewayApp {
  const { logger } = services;
  const authenticate = createAuthenticator(services.config.auth.jwtSecret);
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    context: async ({ request }) => ({ ...services, request, principal: await authenticate(request) }),
    // Never echo an unexpected error's message or stack, whatever NODE_ENV says.
    maskedErrors: { isDev: false },
    graphiql: services.config.graphiql ? { title: 'Switchboard', defaultQuery: exampleOperations } : false,
    // GraphiQL's assets bundled in the page, not fetched from a CDN: it works offline and behind strict egress.
    renderGraphiQL,
    cors: corsOptions(services.config.corsOrigins),
    logging: yogaLogger(logger),
    plugins: [
      ...trustedDocuments(services.config.trustedDocuments),
      // Compiled execution: the benchmark shows it pays (see README, Performance). graphql-jit knows
      // nothing of @defer/@stream, so those operations run on the standard executor.
      useGraphQlJit({}, { enableIf: ({ document }) => !usesDeferOrStream(document) }),
      useDeferStream(),
      usePrometheus({
        endpoint: '/metrics',
        registry: services.metrics.registry,
        metrics: {
          graphql_yoga_http_duration: true,
          graphql_envelop_request_duration: true,
          graphql_envelop_phase_parse: true,
          graphql_envelop_phase_validate: true,
          graphql_envelop_phase_execute: true,
          graphql_envelop_error_result: true,
        },
      }),
      useRequestErrorStatus(),
      useQueryLimits(),
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight'] }),
      ...(services.config.introspection ? [] : [useDisableIntrospection()]),
      useReadinessCheck({ endpoint: '/readiness', check: () => services.ready() }),
      useBandwidthCallbacks({ credentials: services.config.callback, orders: services.orders, logger }),
    ],
  });
}

/** Yoga's log calls, into pino; the message is only built when the level is on (Yoga logs on every request at debug). */
function yogaLogger(logger: Services['logger']) {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      if (logger.isLevelEnabled(level)) logger[level](args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function usesDeferOrStream(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'defer' || node.name.value === 'stream') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function corsOptions(origins: string[]) {
  if (origins.length === 0) return false;
  return { origin: origins.includes('*') ? '*' : origins, credentials: !origins.includes('*'), methods: ['GET', 'POST'] };
}

const manifestSchema = z.record(z.string(), z.string());

/** Trusted documents: operations sent by their hash from the manifest `npm run codegen` writes; others refused unless allowed. */
function trustedDocuments(setting: Config['trustedDocuments']) {
  if (!setting) return [];
  // Keys may carry the algorithm ("sha256:…", as codegen writes them); clients may send either form.
  const entries = Object.entries(manifestSchema.parse(JSON.parse(readFileSync(setting.manifest, 'utf8'))));
  const manifest = Object.fromEntries(entries.map(([hash, document]) => [hash.replace(/^sha256:/, ''), document]));
  return [
    usePersistedOperations({
      getPersistedOperation: (hash: string) => manifest[hash] ?? null,
      allowArbitraryOperations: setting.allowArbitrary,
      extractPersistedOperationId: (params: { extensions?: Record<string, unknown>; documentId?: unknown }) => {
        const persisted = params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
        const id = params.documentId ?? persisted?.sha256Hash;
        return typeof id === 'string' ? id.replace(/^sha256:/, '') : null;
      },
    }),
  ];
}
