// Every setting of the gateway, read once from the environment and validated before anything starts.
// The upstreams' settings come from the registry: each upstream declares its own.
import { z } from 'zod';
import { type CredentialSetting, registry, type UpstreamName, type UpstreamSettings } from './upstreams/registry.js';

export type { UpstreamName } from './upstreams/registry.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const port = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

const positiveMs = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .positive('must be greater than 0');

/** A whole number of at least `min`: a count, or bytes. */
const atLeast = (min: number, what = 'a whole number') =>
  z.coerce
    .number({ error: `must be ${what}` })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`);

const baseUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, ''));

const text = z.string().min(1, 'must not be empty');

const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: port.default(4000),
  HOST: text.default('127.0.0.1'),
  /** A second listener for /metrics, /health and /readiness; the public one then answers them 404. */
  METRICS_PORT: port.optional(),
  METRICS_HOST: text.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UPSTREAM_TIMEOUT_MS: positiveMs.default(5000),
  UPSTREAM_RETRIES: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 to 5')
    .max(5, 'must be 0 to 5')
    .default(2),
  CIRCUIT_BREAKER_THRESHOLD: atLeast(1).default(5),
  CIRCUIT_BREAKER_HALF_OPEN_MS: positiveMs.default(10_000),
  AUTH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (an HS256 key)').optional(),
  AUTH_DISABLED: flag.optional(),
  GRAPHIQL: flag.optional(),
  INTROSPECTION: flag.optional(),
  CORS_ORIGINS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.union([z.literal('*'), z.url({ error: 'must be * or origins like https://app.example.com, comma-separated' })])))
    .optional(),
  TRUSTED_DOCUMENTS: text.optional(),
  ALLOW_ARBITRARY_OPERATIONS: flag.optional(),
  MAX_BODY_BYTES: atLeast(1024, 'a number of bytes').default(102_400),
  /** How long a client may take to send a request's headers, and the whole request; past it the connection is closed (408). */
  REQUEST_HEADERS_TIMEOUT_MS: positiveMs.default(10_000),
  REQUEST_TIMEOUT_MS: positiveMs.default(30_000),
  /** Subscriptions one instance holds open at once; past it a new one is refused (OVERLOADED). */
  MAX_SUBSCRIPTIONS: atLeast(1).default(1000),
  /** The largest upstream answer read; a longer one is cut off there and is UPSTREAM_BAD_RESPONSE. */
  UPSTREAM_MAX_BODY_BYTES: atLeast(1024, 'a number of bytes').default(5 * 1024 * 1024),
  /** Join an identical upstream read already in flight, across operations, instead of sending it again. */
  COALESCE_UPSTREAM_READS: flag.default(true),
  /** Upstream calls one operation may make; past it the remaining fields fail with an error naming the limit. */
  MAX_UPSTREAM_CALLS: atLeast(1).default(500),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  BANDWIDTH_CALLBACK_USERNAME: text.optional(),
  BANDWIDTH_CALLBACK_PASSWORD: text.optional(),
  /** How often a watched disconnect order is re-read when no callback arrives (first interval; it backs off). */
  DISCONNECT_POLL_MS: positiveMs.default(2000),
  /** The address upstream simulators post Bandwidth callbacks to; derived from HOST:PORT when unset. */
  PUBLIC_URL: baseUrl.optional(),
  /** On SIGTERM: how long in-flight operations may take to finish before the process stops anyway. */
  SHUTDOWN_GRACE_MS: positiveMs.default(10_000),
  OTEL_EXPORTER_OTLP_ENDPOINT: baseUrl.optional(),
  OTEL_SERVICE_NAME: text.default('switchboard'),
  /** How long the outcome of a mutation sent with an Idempotency-Key is kept. */
  IDEMPOTENCY_TTL_MS: positiveMs.default(86_400_000),
  /** Cache read responses this long; unset: no cache. */
  RESPONSE_CACHE_TTL_MS: positiveMs.optional(),
  /** While the event loop is saturated, at least this many operations still execute at once; 0: no admission queue. */
  ADMISSION_MIN_CONCURRENCY: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 (off) or more')
    .default(4),
  /** Operations that may wait for their turn; more are refused with OVERLOADED. */
  ADMISSION_QUEUE_LIMIT: atLeast(1).default(1000),
  /** The simulators' latency and how fast a disconnect order moves a step, in-process or under `npm run simulators`. */
  SIM_LATENCY_MS: atLeast(0, 'a number of milliseconds').default(0),
  SIM_JITTER_MS: atLeast(0, 'a number of milliseconds').default(0),
  SIM_ORDER_STEP_MS: positiveMs.default(3000),
});

type Env = z.infer<typeof envSchema>;

/** Each upstream's settings: its base URL (unset: its simulator) and its credentials. */
const upstreamSchema = z.object(
  Object.fromEntries(
    registry.flatMap((d) => [[d.urlSetting, baseUrl.optional()], ...Object.keys(d.credentials).map((name) => [name, text.optional()])]),
  ) as Record<string, z.ZodOptional<z.ZodType<string>>>,
);

/** Credentials the simulators are started with when the operator configured none. */
export const simulatorCredentials = Object.fromEntries(
  registry.flatMap((d) =>
    Object.entries(d.credentials).map(([name, credential]) => [name, (credential as { simulator: string }).simulator]),
  ),
) as Record<CredentialSetting, string>;

/** The settings that point a gateway process at simulators listening at these URLs, with the simulators' credentials. */
export function simulatorSettings(urlOf: (upstream: UpstreamName) => string): Record<string, string> {
  return { ...simulatorCredentials, ...Object.fromEntries(registry.map((d) => [d.urlSetting, urlOf(d.name)])) };
}

export type UpstreamConfigs = { [N in UpstreamName]: { url: string | undefined; settings: UpstreamSettings[N] } };

export interface Config {
  production: boolean;
  port: number;
  host: string;
  /** Where /metrics, /health and /readiness are served apart from GraphQL; undefined: on the public listener. */
  operationsListener: { port: number; host: string } | undefined;
  logLevel: Env['LOG_LEVEL'];
  upstreamTimeoutMs: number;
  resilience: { retries: number; breakerThreshold: number; breakerHalfOpenMs: number };
  /** jwtSecret undefined: no authentication, every scope granted (refused in production unless disabled on purpose). */
  auth: { jwtSecret: string | undefined; disabled: boolean };
  graphiql: boolean;
  introspection: boolean;
  /** Origins allowed to call from a browser; empty: none (same-origin only). */
  corsOrigins: string[];
  /** A persisted-documents manifest (hash → document) and whether other operations are still run. */
  trustedDocuments: { manifest: string; allowArbitrary: boolean } | undefined;
  maxBodyBytes: number;
  /** The largest upstream answer read. */
  upstreamMaxBodyBytes: number;
  /** Upstream calls one operation may make. */
  maxUpstreamCalls: number;
  /** Identical upstream reads in flight are sent once. */
  coalesceReads: boolean;
  /** How long a client may take to send a request's headers, and all of it. */
  requestTimeouts: { headersMs: number; requestMs: number };
  maxSubscriptions: number;
  redisUrl: string | undefined;
  callback: { username: string; password: string } | undefined;
  disconnectPollMs: number;
  publicUrl: string | undefined;
  shutdownGraceMs: number;
  responseCacheTtlMs: number | undefined;
  idempotencyTtlMs: number;
  /** The admission queue under CPU pressure; undefined: off. */
  admission: { minConcurrency: number; maxQueue: number } | undefined;
  /** OpenTelemetry traces over OTLP/HTTP; undefined: no tracing. */
  otel: { endpoint: string; serviceName: string } | undefined;
  /** A `url` of undefined means: serve this upstream from its simulator. */
  upstreams: UpstreamConfigs;
  /** How the simulators of unset upstreams behave. */
  simulators: { latency: { fixedMs: number; jitterMs: number }; orderStepMs: number };
  /** The settings that hold secrets, so tests and logs can check none of them leaks. */
  secrets: string[];
}

/**
 * The one list of settings that hold secrets: the gateway's own and each upstream credential its
 * descriptor marks secret. Their values are never echoed in a start-up error, and upstream text and
 * responses are checked and scrubbed for them.
 */
const secretSettings: ReadonlySet<string> = new Set([
  'AUTH_JWT_SECRET',
  'BANDWIDTH_CALLBACK_PASSWORD',
  ...registry.flatMap((d) =>
    Object.entries(d.credentials)
      .filter(([, c]) => (c as { secret: boolean }).secret)
      .map(([name]) => name),
  ),
]);

/** Reads and validates the environment; throws one ConfigError naming every bad or missing setting. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  const parsedUpstreams = upstreamSchema.safeParse(source);
  const issues = [...(parsed.error?.issues ?? []), ...(parsedUpstreams.error?.issues ?? [])];
  if (!parsed.success || !parsedUpstreams.success || issues.length > 0) {
    const problems = issues.map((issue) => {
      const setting = String(issue.path[0] ?? 'environment');
      // A mistyped secret is still a secret: its value never reaches an error, a terminal or a log collector.
      return secretSettings.has(setting)
        ? `${setting} ${issue.message}`
        : `${setting}=${JSON.stringify(source[setting] ?? '')} ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  const upstreamEnv = parsedUpstreams.data as Record<string, string | undefined>;
  const production = env.NODE_ENV === 'production';

  const problems: string[] = [];
  for (const d of registry) {
    const credentialSettings = Object.keys(d.credentials);
    const missing = [d.urlSetting, ...credentialSettings].filter((s) => upstreamEnv[s] === undefined);
    if (production && missing.length > 0) {
      problems.push(`${d.name} needs ${missing.join(', ')} in production (simulators never start there)`);
    } else if (upstreamEnv[d.urlSetting] !== undefined) {
      const missingCredentials = credentialSettings.filter((s) => upstreamEnv[s] === undefined);
      if (missingCredentials.length > 0) {
        problems.push(`${d.urlSetting} is set, so ${missingCredentials.join(', ')} must be set too`);
      }
    }
  }
  if (production && env.AUTH_JWT_SECRET === undefined && env.AUTH_DISABLED !== true) {
    problems.push('AUTH_JWT_SECRET must be set in production (or AUTH_DISABLED=true to serve without authentication on purpose)');
  }
  if (env.REQUEST_HEADERS_TIMEOUT_MS > env.REQUEST_TIMEOUT_MS) {
    problems.push('REQUEST_HEADERS_TIMEOUT_MS must not be longer than REQUEST_TIMEOUT_MS (the headers are part of the request)');
  }
  if (env.METRICS_HOST !== undefined && env.METRICS_PORT === undefined)
    problems.push('METRICS_HOST is set, so METRICS_PORT must be set too');
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT) {
    problems.push('METRICS_PORT must differ from PORT (it is a second listener)');
  }
  if ((env.BANDWIDTH_CALLBACK_USERNAME === undefined) !== (env.BANDWIDTH_CALLBACK_PASSWORD === undefined)) {
    problems.push('BANDWIDTH_CALLBACK_USERNAME and BANDWIDTH_CALLBACK_PASSWORD must be set together');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);

  const credential = (name: CredentialSetting): string => upstreamEnv[name] ?? simulatorCredentials[name];
  const upstreams = Object.fromEntries(
    registry.map((d) => [
      d.name,
      {
        url: upstreamEnv[d.urlSetting],
        settings: Object.fromEntries(Object.keys(d.credentials).map((name) => [name, credential(name as CredentialSetting)])),
      },
    ]),
  ) as UpstreamConfigs;
  // Every secret setting's value, an upstream credential's configured or its simulator's: none may appear in a response or a log line.
  const secretValue = (name: string): string | undefined =>
    name in simulatorCredentials ? credential(name as CredentialSetting) : (source[name] as string | undefined);
  const secrets = [...secretSettings].map(secretValue).filter((s): s is string => s !== undefined && s !== '');

  return {
    production,
    port: env.PORT,
    host: env.HOST,
    operationsListener: env.METRICS_PORT === undefined ? undefined : { port: env.METRICS_PORT, host: env.METRICS_HOST ?? env.HOST },
    logLevel: env.LOG_LEVEL,
    upstreamTimeoutMs: env.UPSTREAM_TIMEOUT_MS,
    resilience: {
      retries: env.UPSTREAM_RETRIES,
      breakerThreshold: env.CIRCUIT_BREAKER_THRESHOLD,
      breakerHalfOpenMs: env.CIRCUIT_BREAKER_HALF_OPEN_MS,
    },
    auth: { jwtSecret: env.AUTH_DISABLED ? undefined : env.AUTH_JWT_SECRET, disabled: env.AUTH_DISABLED ?? false },
    graphiql: env.GRAPHIQL ?? !production,
    corsOrigins: env.CORS_ORIGINS ?? [],
    trustedDocuments: env.TRUSTED_DOCUMENTS
      ? { manifest: env.TRUSTED_DOCUMENTS, allowArbitrary: env.ALLOW_ARBITRARY_OPERATIONS ?? true }
      : undefined,
    introspection: env.INTROSPECTION ?? !production,
    maxBodyBytes: env.MAX_BODY_BYTES,
    upstreamMaxBodyBytes: env.UPSTREAM_MAX_BODY_BYTES,
    maxUpstreamCalls: env.MAX_UPSTREAM_CALLS,
    coalesceReads: env.COALESCE_UPSTREAM_READS,
    requestTimeouts: { headersMs: env.REQUEST_HEADERS_TIMEOUT_MS, requestMs: env.REQUEST_TIMEOUT_MS },
    maxSubscriptions: env.MAX_SUBSCRIPTIONS,
    redisUrl: env.REDIS_URL,
    callback:
      env.BANDWIDTH_CALLBACK_USERNAME !== undefined && env.BANDWIDTH_CALLBACK_PASSWORD !== undefined
        ? { username: env.BANDWIDTH_CALLBACK_USERNAME, password: env.BANDWIDTH_CALLBACK_PASSWORD }
        : undefined,
    disconnectPollMs: env.DISCONNECT_POLL_MS,
    publicUrl: env.PUBLIC_URL,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    responseCacheTtlMs: env.RESPONSE_CACHE_TTL_MS,
    idempotencyTtlMs: env.IDEMPOTENCY_TTL_MS,
    admission:
      env.ADMISSION_MIN_CONCURRENCY > 0
        ? { minConcurrency: env.ADMISSION_MIN_CONCURRENCY, maxQueue: env.ADMISSION_QUEUE_LIMIT }
        : undefined,
    otel: env.OTEL_EXPORTER_OTLP_ENDPOINT ? { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME } : undefined,
    upstreams,
    simulators: { latency: { fixedMs: env.SIM_LATENCY_MS, jitterMs: env.SIM_JITTER_MS }, orderStepMs: env.SIM_ORDER_STEP_MS },
    secrets,
  };
}
