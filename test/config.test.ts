import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { productionEnv } from './support/env.js';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('defaults to 127.0.0.1:4000, a 5000 ms upstream timeout, and simulators for every upstream', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 4000, upstreamTimeoutMs: 5000, logLevel: 'info', production: false });
    expect(Object.values(config.upstreams).every((u) => u.url === undefined)).toBe(true);
  });

  it('serves the operations endpoints apart only on a port of their own, on HOST unless METRICS_HOST says', () => {
    expect(loadConfig({}).operationsListener).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).operationsListener).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(() => loadConfig({ METRICS_HOST: '0.0.0.0' })).toThrow(/METRICS_HOST is set, so METRICS_PORT must be set too/);
    expect(() => loadConfig({ PORT: '4000', METRICS_PORT: '4000' })).toThrow(/METRICS_PORT must differ from PORT/);
  });

  it('gives the in-process simulators the SIM_* settings, orders stepping every 3 s by default', () => {
    expect(loadConfig({}).simulators).toEqual({ latency: { fixedMs: 0, jitterMs: 0 }, orderStepMs: 3000 });
    expect(loadConfig({ SIM_LATENCY_MS: '20', SIM_ORDER_STEP_MS: '10000' }).simulators).toMatchObject({
      latency: { fixedMs: 20 },
      orderStepMs: 10_000,
    });
    expect(() => loadConfig({ SIM_ORDER_STEP_MS: '0' })).toThrow(/SIM_ORDER_STEP_MS/);
  });

  it('strips a trailing slash from an upstream URL and keeps its path prefix', () => {
    const config = loadConfig({ PHONE_NUMBERS_URL: 'https://numbers.example/CustomerServices/v1.0/', PHONE_NUMBERS_KEY: 'k' });
    expect(config.upstreams.phoneNumbers.url).toBe('https://numbers.example/CustomerServices/v1.0');
  });

  it.each([
    ['PORT', '70000', 'between 0 and 65535'],
    ['UPSTREAM_TIMEOUT_MS', 'soon', 'number'],
    ['CONTACTS_URL', 'not a url', 'http(s) URL'],
    ['LOG_LEVEL', 'loud', 'LOG_LEVEL'],
  ])('refuses %s=%s with a message naming the setting', (setting, value, problem) => {
    const message = configError({ [setting]: value });
    expect(message).toContain(setting);
    expect(message).toContain(problem);
  });

  it('refuses an upstream URL without its credentials, naming them', () => {
    const message = configError({ CATAPULT_URL: 'https://api.catapult.example', CATAPULT_USER_ID: 'u' });
    expect(message).toContain('CATAPULT_API_TOKEN');
    expect(message).toContain('CATAPULT_API_SECRET');
  });

  it('refuses to start in production with unset upstreams, naming every missing setting', () => {
    const { CONTACTS_URL: _url, CONTACTS_TOKEN: _token, UAPI_URL: _uapi, ...partial } = productionEnv;
    const message = configError(partial);
    for (const setting of ['CONTACTS_URL', 'CONTACTS_TOKEN', 'UAPI_URL']) expect(message).toContain(setting);
    expect(message).not.toContain('CATAPULT');
  });

  it('refuses production without AUTH_JWT_SECRET, naming AUTH_DISABLED as the deliberate way out', () => {
    const { AUTH_JWT_SECRET: _secret, ...withoutAuth } = productionEnv;
    const message = configError(withoutAuth);
    expect(message).toContain('AUTH_JWT_SECRET');
    expect(message).toContain('AUTH_DISABLED=true');
  });

  it('accepts production without authentication only when AUTH_DISABLED=true says so', () => {
    const { AUTH_JWT_SECRET: _secret, ...withoutAuth } = productionEnv;
    expect(loadConfig({ ...withoutAuth, AUTH_DISABLED: 'true' }).auth).toEqual({ jwtSecret: undefined, disabled: true });
  });

  it('refuses an AUTH_JWT_SECRET shorter than 32 characters', () => {
    expect(configError({ AUTH_JWT_SECRET: 'short' })).toContain('AUTH_JWT_SECRET');
  });

  it('turns GraphiQL and introspection off by default in production, on in development', () => {
    expect(loadConfig(productionEnv)).toMatchObject({ graphiql: false, introspection: false });
    expect(loadConfig({})).toMatchObject({ graphiql: true, introspection: true });
  });

  it('accepts production when every upstream is configured', () => {
    expect(loadConfig(productionEnv).production).toBe(true);
  });

  it('lists every configured secret so tests can check that none leaks', () => {
    const config = loadConfig({ ...productionEnv, CATAPULT_API_SECRET: 'catapult-secret' });
    expect(config.secrets).toEqual(expect.arrayContaining([productionEnv.AUTH_JWT_SECRET, 'catapult-secret', 'bandwidth_password-value']));
  });
});
