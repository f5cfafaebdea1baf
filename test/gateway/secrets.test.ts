// No credential reaches a caller or a log line, whatever the upstreams do.
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Gateway, startGateway } from '../../src/gateway.js';
import type { Simulators } from '../../src/simulators/index.js';
import { credentialHeaders } from '../../src/upstreams/index.js';
import { descriptors } from '../../src/upstreams/registry.js';
import { assertNoSecrets } from '../support/gateway.js';
import { reads } from '../support/reads.js';

const env = {
  LOG_LEVEL: 'trace',
  PORT: '0',
  UPSTREAM_TIMEOUT_MS: '300',
  CIRCUIT_BREAKER_THRESHOLD: '1000',
  AUTH_DISABLED: 'true',
  // Every upstream's secret credentials, from the registry.
  ...Object.fromEntries(
    descriptors.flatMap((d) =>
      Object.entries(d.credentials)
        .filter(([, c]) => c.secret)
        .map(([setting]) => [setting, `${setting.toLowerCase()}-do-not-leak`]),
    ),
  ),
  BANDWIDTH_CALLBACK_USERNAME: 'bandwidth',
  BANDWIDTH_CALLBACK_PASSWORD: 'callback-password-do-not-leak',
};

const lines: string[] = [];
let gateway: Gateway;
beforeAll(async () => {
  const logger = pino(
    { level: 'trace' },
    new Writable({
      write: (chunk, _, done) => {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  gateway = await startGateway({ config: loadConfig(env), logger, simulators: { orderStepMs: 'manual' } });
});
afterAll(async () => {
  await gateway.close();
});

/** Each upstream's read from the fault suite, one request each; the answers' texts. */
async function readEveryUpstream(): Promise<string[]> {
  const texts: string[] = [];
  for (const { query } of Object.values(reads)) {
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    texts.push(await res.text());
  }
  return texts;
}

describe('secrets', () => {
  it('the leak check itself fails on a response that holds a secret', () => {
    expect(() => assertNoSecrets('{"message":"token uapi-token-do-not-leak refused"}', ['uapi-token-do-not-leak'])).toThrow(/leaked/);
  });

  it('appear in no response and no log line through every fault of every upstream', async () => {
    const sims = gateway.simulators as Simulators;
    const faults = [
      { kind: 'status', status: 401 },
      { kind: 'status', status: 503 },
      { kind: 'reset' },
      { kind: 'hang' },
      { kind: 'html' },
    ] as const;
    const texts: string[] = [];
    for (const fault of faults) {
      for (const sim of Object.values(sims)) sim.inject(fault);
      texts.push(...(await readEveryUpstream()));
      for (const sim of Object.values(sims)) sim.clearFaults();
    }
    const callback = await fetch(`${gateway.url}/callbacks/bandwidth`, {
      method: 'POST',
      headers: { authorization: 'Basic Ym9ndXM6Ym9ndXM=' },
      body: '<x/>',
    });
    texts.push(await callback.text());

    expect(texts.join('')).toContain('UPSTREAM_UNAVAILABLE');
    expect(lines.length).toBeGreaterThan(0);
    assertNoSecrets(texts.join('\n'), gateway.services.config.secrets);
    assertNoSecrets(lines.join('\n'), gateway.services.config.secrets);
  });

  it('are removed from upstream words that repeat the request, raw, as Basic credentials and as bearer tokens', async () => {
    const sims = gateway.simulators as Simulators;
    for (const sim of Object.values(sims)) sim.inject({ kind: 'echo' });
    const text = (await readEveryUpstream()).join('\n');
    for (const sim of Object.values(sims)) sim.clearFaults();

    const { config } = gateway.services;
    const sent = Object.values(credentialHeaders(config)).flatMap((headers) => Object.values(headers));
    const forms = [...config.secrets, ...sent, ...sent.map((value) => value.split(' ').at(-1) as string)];
    // The upstreams' own words still reach the caller, without what they repeated of the credentials.
    const echoed = text
      .split('\n')
      .flatMap((answer) => (JSON.parse(answer) as { errors?: { message: string; extensions: { upstream: string } }[] }).errors ?? [])
      .filter((e) => e.message.includes('refused [redacted]'))
      .map((e) => e.extensions.upstream);
    expect(new Set(echoed).size).toBe(descriptors.length);
    for (const form of forms) expect(text).not.toContain(form);
    for (const form of forms) expect(lines.join('\n')).not.toContain(form);
  });
});
