// Every setting of the gateway, read once from the environment and validated before anything starts.
import { z } from 'zod';

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

const baseUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).transform((u) => u.replace(/\/+$/, ''));

const text = z.string().min(1, 'must not be empty');

const flag = z.enum(['true', 'false'], { error: 'must be true or false' }).transform((v) => v === 'true');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: port.default(4000),
  HOST: text.default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  UPSTREAM_TIMEOUT_MS: positiveMs.default(5000),
  UPSTREAM_RETRIES: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must be 0 to 5')
    .max(5, 'must be 0 to 5')
    .default(2),
  CIRCUIT_BREAKER_THRESHOLD: z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .default(5),
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
  MAX_BODY_BYTES: z.coerce
    .number({ error: 'must be a number of bytes' })
    .int('must be a whole number')
    .min(1024, 'must be at least 1024')
    .default(102_400),
  REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// URL' }).optional(),
  BANDWIDTH_CALLBACK_USERNAME: text.optional(),
  BANDWIDTH_CALLBACK_PASSWORD: text.optional(),
  /** How often a watched disconnect order is re-read when no callback arrives (first interval; it backs off). */
  DISCONNECT_POLL_MS: positiveMs.default(2000),
  /** The address upstream simulators post Bandwidth callbacks to; derived from HOST:PORT when unset. */
  PUBLIC_URL: baseUrl.optional(),

  CUSTOMER_PHONES_URL: baseUrl.optional(),
  CUSTOMER_PHONES_TOKEN: text.optional(),
  PHONE_NUMBERS_URL: baseUrl.optional(),
  PHONE_NUMBERS_KEY: text.optional(),
  CATAPULT_URL: baseUrl.optional(),
  CATAPULT_USER_ID: text.optional(),
  CATAPULT_API_TOKEN: text.optional(),
  CATAPULT_API_SECRET: text.optional(),
  BANDWIDTH_DASHBOARD_URL: baseUrl.optional(),
  BANDWIDTH_ACCOUNT_ID: text.optional(),
  BANDWIDTH_USERNAME: text.optional(),
  BANDWIDTH_PASSWORD: text.optional(),
  CONTACTS_URL: baseUrl.optional(),
  CONTACTS_TOKEN: text.optional(),
  UAPI_URL: baseUrl.optional(),
  UAPI_TOKEN: text.optional(),
});

type Env = z.infer<typeof envSchema>;

/** The settings each upstream needs: its URL first, then its credentials. */
export const upstreamSettings = {
  customerPhones: ['CUSTOMER_PHONES_URL', 'CUSTOMER_PHONES_TOKEN'],
  phoneNumbers: ['PHONE_NUMBERS_URL', 'PHONE_NUMBERS_KEY'],
  catapult: ['CATAPULT_URL', 'CATAPULT_USER_ID', 'CATAPULT_API_TOKEN', 'CATAPULT_API_SECRET'],
  dashboard: ['BANDWIDTH_DASHBOARD_URL', 'BANDWIDTH_ACCOUNT_ID', 'BANDWIDTH_USERNAME', 'BANDWIDTH_PASSWORD'],
  contacts: ['CONTACTS_URL', 'CONTACTS_TOKEN'],
  uapi: ['UAPI_URL', 'UAPI_TOKEN'],
} as const satisfies Record<string, readonly (keyof Env)[]>;

export type UpstreamName = keyof typeof upstreamSettings;
export const upstreamNames = Object.keys(upstreamSettings) as UpstreamName[];

/** Credentials the simulators are started with when the operator configured none. */
export const simulatorCredentials = {
  CUSTOMER_PHONES_TOKEN: 'sim-customer-phones-token',
  PHONE_NUMBERS_KEY: 'sim-phone-numbers-key',
  CATAPULT_USER_ID: 'u-switchboard',
  CATAPULT_API_TOKEN: 't-sim-token',
  CATAPULT_API_SECRET: 'sim-api-secret',
  BANDWIDTH_ACCOUNT_ID: '9900001',
  BANDWIDTH_USERNAME: 'sim-dashboard-user',
  BANDWIDTH_PASSWORD: 'sim-dashboard-password',
  CONTACTS_TOKEN: 'sim-contacts-token',
  UAPI_TOKEN: 'sim-uapi-token',
} as const;

export interface UpstreamConfigs {
  customerPhones: { url: string | undefined; token: string };
  phoneNumbers: { url: string | undefined; key: string };
  catapult: { url: string | undefined; userId: string; apiToken: string; apiSecret: string };
  dashboard: { url: string | undefined; accountId: string; username: string; password: string };
  contacts: { url: string | undefined; token: string };
  uapi: { url: string | undefined; token: string };
}

export interface Config {
  production: boolean;
  port: number;
  host: string;
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
  redisUrl: string | undefined;
  callback: { username: string; password: string } | undefined;
  disconnectPollMs: number;
  publicUrl: string | undefined;
  /** A `url` of undefined means: serve this upstream from its simulator. */
  upstreams: UpstreamConfigs;
  /** The settings that hold secrets, so tests and logs can check none of them leaks. */
  secrets: string[];
}

/** Reads and validates the environment; throws one ConfigError naming every bad or missing setting. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const setting = String(issue.path[0] ?? 'environment');
      return `${setting}=${JSON.stringify(source[setting] ?? '')} ${issue.message}`;
    });
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  const production = env.NODE_ENV === 'production';

  const problems: string[] = [];
  for (const [upstream, settings] of Object.entries(upstreamSettings)) {
    const [urlSetting, ...credentialSettings] = settings;
    const missing = settings.filter((s) => env[s] === undefined);
    if (production && missing.length > 0) {
      problems.push(`${upstream} needs ${missing.join(', ')} in production (simulators never start there)`);
    } else if (env[urlSetting] !== undefined) {
      const missingCredentials = credentialSettings.filter((s) => env[s] === undefined);
      if (missingCredentials.length > 0) {
        problems.push(`${urlSetting} is set, so ${missingCredentials.join(', ')} must be set too`);
      }
    }
  }
  if (production && env.AUTH_JWT_SECRET === undefined && env.AUTH_DISABLED !== true) {
    problems.push('AUTH_JWT_SECRET must be set in production (or AUTH_DISABLED=true to serve without authentication on purpose)');
  }
  if ((env.BANDWIDTH_CALLBACK_USERNAME === undefined) !== (env.BANDWIDTH_CALLBACK_PASSWORD === undefined)) {
    problems.push('BANDWIDTH_CALLBACK_USERNAME and BANDWIDTH_CALLBACK_PASSWORD must be set together');
  }
  if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);

  const credential = (name: keyof typeof simulatorCredentials): string => env[name] ?? simulatorCredentials[name];

  const secrets = [
    env.AUTH_JWT_SECRET,
    env.BANDWIDTH_CALLBACK_PASSWORD,
    credential('CUSTOMER_PHONES_TOKEN'),
    credential('PHONE_NUMBERS_KEY'),
    credential('CATAPULT_API_SECRET'),
    credential('CATAPULT_API_TOKEN'),
    credential('BANDWIDTH_PASSWORD'),
    credential('CONTACTS_TOKEN'),
    credential('UAPI_TOKEN'),
  ].filter((s): s is string => s !== undefined);

  return {
    production,
    port: env.PORT,
    host: env.HOST,
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
    redisUrl: env.REDIS_URL,
    callback:
      env.BANDWIDTH_CALLBACK_USERNAME !== undefined && env.BANDWIDTH_CALLBACK_PASSWORD !== undefined
        ? { username: env.BANDWIDTH_CALLBACK_USERNAME, password: env.BANDWIDTH_CALLBACK_PASSWORD }
        : undefined,
    disconnectPollMs: env.DISCONNECT_POLL_MS,
    publicUrl: env.PUBLIC_URL,
    upstreams: {
      customerPhones: { url: env.CUSTOMER_PHONES_URL, token: credential('CUSTOMER_PHONES_TOKEN') },
      phoneNumbers: { url: env.PHONE_NUMBERS_URL, key: credential('PHONE_NUMBERS_KEY') },
      catapult: {
        url: env.CATAPULT_URL,
        userId: credential('CATAPULT_USER_ID'),
        apiToken: credential('CATAPULT_API_TOKEN'),
        apiSecret: credential('CATAPULT_API_SECRET'),
      },
      dashboard: {
        url: env.BANDWIDTH_DASHBOARD_URL,
        accountId: credential('BANDWIDTH_ACCOUNT_ID'),
        username: credential('BANDWIDTH_USERNAME'),
        password: credential('BANDWIDTH_PASSWORD'),
      },
      contacts: { url: env.CONTACTS_URL, token: credential('CONTACTS_TOKEN') },
      uapi: { url: env.UAPI_URL, token: credential('UAPI_TOKEN') },
    },
    secrets,
  };
}
