// The start-up line's list of what is on: every feature named, and no credential in an address.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { featureSummary } from '../src/startup.js';
import { productionEnv } from './support/env.js';

const gatewayOf = (operationsUrl?: string) => ({ operationsUrl, simulators: {}, services: {} as never });

describe('the start-up summary', () => {
  it('names each feature that is on, with its setting, and the rest as off', () => {
    const config = loadConfig({
      ...productionEnv,
      RESPONSE_CACHE_TTL_MS: '60000',
      REDIS_URL: 'redis://:hunter2-redis-password@cache.internal:6379',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'https://collector.internal:4318',
      TRUSTED_DOCUMENTS: 'persisted.json',
      ALLOW_ARBITRARY_OPERATIONS: 'false',
    });
    const { on, off } = featureSummary(config, gatewayOf('http://127.0.0.1:9464'));
    expect(on).toEqual([
      'authentication (HS256 bearer tokens with scopes)',
      'response cache (60000 ms, in Redis)',
      'tracing (OTLP to https://collector.internal:4318 as switchboard)',
      'Redis (redis://cache.internal:6379)',
      'trusted documents (persisted.json, only these)',
      'admission queue (at least 4 at once, 1000 may wait)',
      'joining identical upstream reads (across operations)',
      'metrics, health and readiness (apart, at http://127.0.0.1:9464)',
    ]);
    expect(off).toEqual(['GraphiQL', 'introspection', 'simulators', 'demo reset']);
  });

  it('never shows a password an address carries', () => {
    const config = loadConfig({ ...productionEnv, REDIS_URL: 'redis://user:hunter2-redis-password@cache.internal:6379' });
    expect(JSON.stringify(featureSummary(config, gatewayOf()))).not.toContain('hunter2');
  });
});
