// OpenTelemetry traces, exported over OTLP/HTTP to a receiver started here: a span per operation, a
// child span per upstream call (no id, no credential), `traceparent` sent upstream, a caller's trace continued.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ACME } from '../../src/simulators/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: {
    key: string;
    value: { stringValue?: string; intValue?: number | string; arrayValue?: { values: { stringValue?: string }[] } };
  }[];
}
const spans: ExportedSpan[] = [];
let receiver: Server;
let gw: TestGateway;
const attribute = (span: ExportedSpan | undefined, key: string) => {
  const value = span?.attributes.find((a) => a.key === key)?.value;
  return (
    value?.stringValue ?? (value?.intValue !== undefined ? Number(value.intValue) : value?.arrayValue?.values.map((v) => v.stringValue))
  );
};

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += String(chunk);
    });
    req.on('end', () => {
      const exported = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[] };
      for (const resource of exported.resourceSpans) for (const scope of resource.scopeSpans) spans.push(...scope.spans);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  process.env.OTEL_BSP_SCHEDULE_DELAY = '50';
  gw = await startTestGateway({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await gw.close();
  delete process.env.OTEL_BSP_SCHEDULE_DELAY;
  await new Promise((resolve) => receiver.close(resolve));
});

describe('OpenTelemetry traces', () => {
  it('makes each operation a span with a child span per upstream call, and sends traceparent upstream', async () => {
    const res = await gw.graphql(
      `query Traced { customer(id: "${ACME}") { phones { version } carrier: phoneNumbers { id } } }`,
      undefined,
      { 'x-request-id': 'traced-1' },
    );
    expect(res.errors).toBeUndefined();
    await vi.waitFor(
      () => expect(spans.filter((s) => s.name.startsWith('customerPhones') || s.name.startsWith('phoneNumbers'))).toHaveLength(2),
      { timeout: 5_000 },
    );
    const operation = spans.find((s) => s.name === 'query Traced');
    expect(attribute(operation, 'graphql.operation.type')).toBe('query');
    expect(attribute(operation, 'graphql.document.hash')).toMatch(/^[0-9a-f]{64}$/);
    const calls = spans.filter((s) => s.parentSpanId === operation?.spanId);
    expect(calls.map((s) => s.name).sort()).toEqual([
      'customerPhones GET /v1/customers/{}/phones',
      'phoneNumbers GET /customers/{}/phoneNumbers',
    ]);
    expect(calls.every((s) => s.traceId === operation?.traceId)).toBe(true);
    expect(calls.map((s) => [attribute(s, 'http.response.status_code'), attribute(s, 'switchboard.attempt')])).toEqual([
      [200, 1],
      [200, 1],
    ]);
    expect(JSON.stringify(calls)).not.toContain(ACME);
    const sent = gw.sims.customerPhones.requests.at(-1)?.headers.traceparent;
    expect(sent).toMatch(new RegExp(`^00-${operation?.traceId}-[0-9a-f]{16}-01$`));
  });

  it("continues the caller's trace from its traceparent, and records error codes", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    gw.sims.contacts.inject({ kind: 'status', status: 500 }, { times: 1 });
    await gw.graphql(`query Continued { customer(id: "${ACME}") { contacts { totalElements } } }`, undefined, {
      traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
    });
    await vi.waitFor(() => expect(spans.find((s) => s.name === 'query Continued')).toBeDefined(), { timeout: 5_000 });
    const operation = spans.find((s) => s.name === 'query Continued');
    expect(operation?.traceId).toBe(traceId);
    expect(operation?.parentSpanId).toBe('00f067aa0ba902b7');
    expect(attribute(operation, 'graphql.error.codes')).toEqual(['UPSTREAM_UNAVAILABLE']);
  });
});
