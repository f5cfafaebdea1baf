// What frontends and operators rely on: request ids, logs and metrics, CORS, @defer, trusted documents.
import { Writable } from 'node:stream';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Gateway, startGateway } from '../../src/gateway.js';
import { createLogger } from '../../src/logger.js';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import type { Simulators } from '../../src/simulators/index.js';
import { CustomerPhoneNumbersDocument } from '../generated/graphql.js';
import manifest from '../generated/persisted-documents.json' with { type: 'json' };
import { useGateway } from '../support/gateway.js';

const lines: Record<string, unknown>[] = [];
let gateway: Gateway;
beforeAll(async () => {
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'info', CORS_ORIGINS: 'https://app.example.com' });
  const logger = createLogger(
    'info',
    new Writable({
      write: (chunk, _, done) => {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  gateway = await startGateway({ config, logger });
});
afterAll(async () => {
  await gateway.close();
});

const post = (body: object, headers: Record<string, string> = {}) =>
  request(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('request ids', () => {
  it('returns the caller x-request-id and sends it on to every upstream it calls', async () => {
    const res = await post(
      { query: `{ customer(id: "${ACME}") { phoneNumbers { id } contacts { totalElements } } }` },
      { 'x-request-id': 'trace-abc-123' },
    );
    await res.body.dump();
    expect(res.headers['x-request-id']).toBe('trace-abc-123');
    const sims = gateway.simulators as Simulators;
    expect(sims.phoneNumbers.requests.at(-1)?.headers['x-request-id']).toBe('trace-abc-123');
    expect(sims.contacts.requests.at(-1)?.headers['x-request-id']).toBe('trace-abc-123');
  });

  it('makes one when the caller sent none, or sent something unfit', async () => {
    const res = await post({ query: '{ __typename }' }, { 'x-request-id': 'no spaces or \u00e9 allowed' });
    await res.body.dump();
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs one line per operation at info, with each upstream endpoint it called: path template, calls, outcomes, slowest', async () => {
    const res = await post(
      { query: `query Mine { customers(ids: ["${ACME}", "${KIWI}"]) { phones { version } phoneNumbers { id } } }` },
      { 'x-request-id': 'log-line-check' },
    );
    await res.body.dump();
    const logged = lines.filter((l) => l.requestId === 'log-line-check');
    expect(logged).toEqual([expect.objectContaining({ msg: 'operation', operation: 'Mine', ms: expect.any(Number) })]);
    expect(logged[0]?.upstream).toEqual(
      expect.arrayContaining([
        {
          upstream: 'customerPhones',
          method: 'GET',
          path: '/v1/customers/{}/phones',
          calls: 2,
          outcomes: '200:2',
          ms: expect.any(Number),
        },
        {
          upstream: 'phoneNumbers',
          method: 'GET',
          path: '/customers/{}/phoneNumbers',
          calls: 2,
          outcomes: '200:2',
          ms: expect.any(Number),
        },
      ]),
    );
    expect(JSON.stringify(logged)).not.toContain(ACME);
  });

  it('logs each upstream call on a line of its own at debug', async () => {
    const debugLines: Record<string, unknown>[] = [];
    const debug = await startGateway({
      config: loadConfig({ PORT: '0', LOG_LEVEL: 'debug' }),
      logger: createLogger('debug', new Writable({ write: (chunk, _, done) => done(void debugLines.push(JSON.parse(String(chunk)))) })),
    });
    try {
      const res = await request(`${debug.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'debug-line-check' },
        body: JSON.stringify({ query: `{ customer(id: "${ACME}") { phones { version } } }` }),
      });
      await res.body.dump();
      expect(debugLines.filter((l) => l.requestId === 'debug-line-check' && l.msg === 'upstream call')).toEqual([
        expect.objectContaining({ upstream: 'customerPhones', method: 'GET', path: '/v1/customers/{}/phones', status: 200 }),
      ]);
    } finally {
      await debug.close();
    }
  });
});

describe('metrics', () => {
  it('serves Prometheus metrics with GraphQL operations and upstream requests by upstream and outcome', async () => {
    const query = await post({ query: `{ customer(id: "${ACME}") { phoneNumbers { id } } }` });
    await query.body.dump();
    const res = await request(`${gateway.url}/metrics`);
    const text = await res.body.text();
    expect(res.statusCode).toBe(200);
    expect(text).toMatch(/switchboard_upstream_request_duration_seconds_count\{upstream="phoneNumbers",method="GET",outcome="2xx"\} \d+/);
    expect(text).toContain('graphql_envelop_request_duration');
  });

  it('times each operation by its name and type, and counts its errors by phase and path', async () => {
    const failing = await post({ query: 'query Missing { customer(id: "no-such-customer") { phoneNumbers { id } } }' });
    expect((await failing.body.json()) as { errors?: unknown[] }).toHaveProperty('errors');
    const invalid = await post({ query: '{ customer { nope } }' });
    await invalid.body.dump();
    const text = await (await request(`${gateway.url}/metrics`)).body.text();
    expect(text).toMatch(/graphql_envelop_request_duration_count\{operationName="Missing",operationType="query"\} 1/);
    expect(text).toMatch(
      /graphql_envelop_error_result\{operationName="Missing",operationType="query",phase="execute",path="customer.phoneNumbers"\} 1/,
    );
    expect(text).toMatch(/graphql_envelop_error_result\{[^}]*phase="validate"[^}]*\} [1-9]/);
  });
});

describe('CORS', () => {
  it('allows a configured origin', async () => {
    const res = await request(`${gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://app.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    await res.body.dump();
    expect(res.headers['access-control-allow-origin']).toBe('https://app.example.com');
  });

  it('does not allow another origin', async () => {
    const res = await request(`${gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    await res.body.dump();
    expect(res.headers['access-control-allow-origin']).not.toBe('https://evil.example');
  });
});

describe('@defer', () => {
  it('sends the fast upstream first and the deferred one after, in one multipart response', async () => {
    const sims = gateway.simulators as Simulators;
    sims.contacts.setLatency({ fixedMs: 150 });
    const res = await post(
      { query: `{ customer(id: "${ACME}") { phones { version } ... @defer { contacts { totalElements } } } }` },
      { accept: 'multipart/mixed' },
    );
    const text = await res.body.text();
    sims.contacts.setLatency({ fixedMs: 0 });
    expect(res.headers['content-type']).toMatch(/^multipart\/mixed/);
    const phonesAt = text.indexOf('"version"');
    const contactsAt = text.indexOf('"totalElements"');
    expect(phonesAt).toBeGreaterThan(-1);
    expect(contactsAt).toBeGreaterThan(phonesAt);
    expect(text).toContain('"hasNext":false');
  });
});

describe('@stream', () => {
  it('sends the first items of a list at once and the rest as they come', async () => {
    const res = await post(
      { query: `{ customers(ids: ["${ACME}", "${KIWI}"]) @stream(initialCount: 1) { id } }` },
      { accept: 'multipart/mixed' },
    );
    const text = await res.body.text();
    expect(res.headers['content-type']).toMatch(/^multipart\/mixed/);
    expect(text).toContain(`"customers":[{"id":"${ACME}"}]`);
    expect(text).toMatch(new RegExp(`"items":\\[\\{"id":"${KIWI}"\\}\\]`));
  });
});

describe('trusted documents', () => {
  const trusted = useGateway({ TRUSTED_DOCUMENTS: 'test/generated/persisted-documents.json', ALLOW_ARBITRARY_OPERATIONS: 'false' });
  const hash = Object.entries(manifest).find(([, text]) => text.startsWith('query CustomerPhoneNumbers'))?.[0] as string;

  it('runs an operation from the manifest sent by its hash alone', async () => {
    const res = await request(`${trusted.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ documentId: hash, variables: { id: ACME } }),
    });
    const body = (await res.body.json()) as { data?: { customer?: { phoneNumbers: unknown[] } } };
    expect(body.data?.customer?.phoneNumbers).toHaveLength(3);
  });

  it('refuses an operation sent as text, not by its hash, when arbitrary operations are off', async () => {
    const res = await trusted.graphql(CustomerPhoneNumbersDocument, { id: ACME });
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.length).toBeGreaterThan(0);
    expect(trusted.calls('phoneNumbers')).toBe(0);
  });
});
