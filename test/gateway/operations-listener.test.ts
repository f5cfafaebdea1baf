// METRICS_PORT: /metrics, /health and /readiness on a listener of their own; the public port answers
// none of them, so whoever can reach GraphQL cannot read the metrics.
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { useGateway } from '../support/gateway.js';

const apart = useGateway({ METRICS_PORT: '0' });
const together = useGateway();

const get = async (url: string) => {
  const res = await request(url);
  return { status: res.statusCode, text: await res.body.text() };
};

describe('operations endpoints', () => {
  it('serves metrics, health and readiness on the public port when METRICS_PORT is unset', async () => {
    expect((await get(`${together.url}/metrics`)).text).toContain('switchboard_upstream_request_duration_seconds');
    expect((await get(`${together.url}/health`)).status).toBe(200);
    expect((await get(`${together.url}/readiness`)).status).toBe(200);
  });

  it('serves them on the METRICS_PORT listener, with the operations GraphQL ran', async () => {
    await apart.graphql('{ carrierNumber(number: "+19192302749") { id } }');
    const base = apart.gateway.operationsUrl as string;
    expect(base).not.toBe(apart.url);
    const metrics = await get(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/switchboard_upstream_request_duration_seconds_count\{[^}]*upstream="catapult"/);
    expect((await get(`${base}/health`)).status).toBe(200);
    expect((await get(`${base}/readiness`)).status).toBe(200);
  });

  it('answers 404 for them on the public port when METRICS_PORT is set', async () => {
    for (const path of ['/metrics', '/health', '/readiness', '/metrics?x=1']) expect((await get(`${apart.url}${path}`)).status).toBe(404);
  });

  it('serves no GraphQL on the operations listener', async () => {
    const res = await request(`${apart.gateway.operationsUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{__typename}"}',
    });
    expect(res.statusCode).toBe(404);
    await res.body.dump();
  });
});
