// What the start-up line says is on and off, so an operator reads the gateway's posture in one line
// instead of inferring it from the environment. Addresses are shown without their credentials.
import type { Config } from './config.js';
import type { Gateway } from './gateway.js';
import { upstreamNames } from './upstreams/registry.js';

/** A URL without the user and password it may carry. */
const withoutCredentials = (url: string) => {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
};

export function featureSummary(config: Config, gateway: Pick<Gateway, 'operationsUrl' | 'simulators' | 'services'>) {
  const on: string[] = [];
  const off: string[] = [];
  const feature = (name: string, detail: string | false) => (detail === false ? off.push(name) : on.push(`${name} (${detail})`));
  feature('authentication', config.auth.jwtSecret !== undefined ? 'HS256 bearer tokens with scopes' : false);
  feature('GraphiQL', config.graphiql ? 'in a browser at /graphql' : false);
  feature('introspection', config.introspection ? 'for any caller' : false);
  feature(
    'response cache',
    config.responseCacheTtlMs !== undefined && `${config.responseCacheTtlMs} ms, ${config.redisUrl ? 'in Redis' : 'in process'}`,
  );
  feature('tracing', config.otel ? `OTLP to ${withoutCredentials(config.otel.endpoint)} as ${config.otel.serviceName}` : false);
  feature('Redis', config.redisUrl ? withoutCredentials(config.redisUrl) : false);
  feature(
    'trusted documents',
    config.trustedDocuments
      ? `${config.trustedDocuments.manifest}, ${config.trustedDocuments.allowArbitrary ? 'others allowed' : 'only these'}`
      : false,
  );
  feature(
    'admission queue',
    config.admission ? `at least ${config.admission.minConcurrency} at once, ${config.admission.maxQueue} may wait` : false,
  );
  feature('joining identical upstream reads', config.coalesceReads ? 'across operations' : false);
  feature('metrics, health and readiness', gateway.operationsUrl ? `apart, at ${gateway.operationsUrl}` : 'on this port');
  const simulated = upstreamNames.filter((name) => gateway.simulators[name] !== undefined);
  feature('simulators', simulated.length > 0 ? simulated.join(', ') : false);
  feature('demo reset', gateway.services.demoReset ? 'POST /simulators/reset' : false);
  return { on, off };
}
