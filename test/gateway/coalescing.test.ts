// Identical upstream reads in flight are sent once, across operations: a read joins the one already on
// the wire, gets its answer or its failure, never one that began before its own operation's write to that
// path, and a caller that stops waiting does not cancel the read for the others.
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACME, KIWI } from '../../src/simulators/demo.js';
import { codes, startTestGateway, type TestGateway } from '../support/gateway.js';

let gw: TestGateway;
afterEach(async () => {
  await gw.close();
});

const dashboard = `{ customer(id: "${ACME}") { phones { version } phoneNumbers { id } contacts { totalElements } } }`;
const executing = () => gw.gateway.services.admission?.state.executing;

describe('identical reads in flight', () => {
  it('are sent once for 20 concurrent identical operations: one upstream call per distinct read', async () => {
    gw = await startTestGateway({ ADMISSION_MIN_CONCURRENCY: '64' });
    for (const sim of [gw.sims.customerPhones, gw.sims.phoneNumbers, gw.sims.contacts]) sim.inject({ kind: 'hold' }, { times: 1 });
    const answers = Array.from({ length: 20 }, () => gw.graphql(dashboard));
    await vi.waitFor(() => expect(executing()).toBe(20), { interval: 10 });
    for (const sim of [gw.sims.customerPhones, gw.sims.phoneNumbers, gw.sims.contacts]) sim.releaseHeld();
    const results = await Promise.all(answers);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(results[0]?.errors).toBeUndefined();
    expect([gw.calls('customerPhones'), gw.calls('phoneNumbers'), gw.calls('contacts')]).toEqual([1, 1, 1]);
  });

  it('are counted as joined in the metrics', async () => {
    gw = await startTestGateway({ ADMISSION_MIN_CONCURRENCY: '64' });
    gw.sims.customerPhones.inject({ kind: 'hold' }, { times: 1 });
    const answers = Array.from({ length: 5 }, () => gw.graphql(`{ customer(id: "${ACME}") { phones { version } } }`));
    await vi.waitFor(() => expect(executing()).toBe(5), { interval: 10 });
    gw.sims.customerPhones.releaseHeld();
    await Promise.all(answers);
    const metrics = await (await request(`${gw.url}/metrics`)).body.text();
    expect(metrics).toMatch(
      /switchboard_upstream_request_duration_seconds_count\{upstream="customerPhones",method="GET",outcome="joined"\} 4/,
    );
  });

  it('share a failure: it reaches every joiner', async () => {
    gw = await startTestGateway({ ADMISSION_MIN_CONCURRENCY: '64', UPSTREAM_RETRIES: '0' }, { latency: { fixedMs: 300 } });
    gw.sims.customerPhones.inject({ kind: 'status', status: 503 });
    const answers = Array.from({ length: 5 }, () => gw.graphql(`{ customer(id: "${ACME}") { phones { version } } }`));
    const results = await Promise.all(answers);
    expect(results.map(codes)).toEqual(Array.from({ length: 5 }, () => ['UPSTREAM_UNAVAILABLE']));
    expect(gw.calls('customerPhones')).toBe(1);
  });

  it('count once toward the circuit breaker when they fail: one failure on the wire is one outage, however many joined it', async () => {
    gw = await startTestGateway(
      { ADMISSION_MIN_CONCURRENCY: '64', UPSTREAM_RETRIES: '0', CIRCUIT_BREAKER_THRESHOLD: '3' },
      { latency: { fixedMs: 300 } },
    );
    gw.sims.customerPhones.inject({ kind: 'status', status: 503 }, { times: 1 });
    const read = `{ customer(id: "${ACME}") { phones { version } } }`;
    const failed = await Promise.all(Array.from({ length: 5 }, () => gw.graphql(read)));
    expect(failed.map(codes)).toEqual(Array.from({ length: 5 }, () => ['UPSTREAM_UNAVAILABLE']));
    const next = await gw.graphql(read);
    expect(next.errors).toBeUndefined();
    expect(gw.calls('customerPhones')).toBe(2);
  });

  it("are not joined by an operation's read after its own write to the path", async () => {
    gw = await startTestGateway();
    gw.sims.phoneNumbers.inject({ kind: 'hold' }, { times: 1, method: 'GET' });
    const older = gw.graphql(`{ customer(id: "${KIWI}") { phoneNumbers { id } } }`);
    await vi.waitFor(() => expect(gw.calls('phoneNumbers')).toBe(1), { interval: 10 });
    const written = await gw.graphql<{ createPhoneNumber: { id: string; customer: { phoneNumbers: { id: string }[] } } }>(
      `mutation { createPhoneNumber(customerId: "${KIWI}", input: { type: HOME, countryCode: "+64", phoneNumber: "379 1234" }) { id customer { phoneNumbers { id } } } }`,
    );
    const created = written.data?.createPhoneNumber;
    expect(created?.customer.phoneNumbers.map((p) => p.id)).toContain(created?.id);
    gw.sims.phoneNumbers.releaseHeld();
    await older;
  });

  it('go on for the others when one caller stops waiting (its own budget ran out)', async () => {
    gw = await startTestGateway({ UPSTREAM_TIMEOUT_MS: '1000', UPSTREAM_RETRIES: '0' });
    gw.sims.customerPhones.inject({ kind: 'hold' }, { times: 1 });
    const read = `{ customer(id: "${ACME}") { phones { version } } }`;
    const first = gw.graphql(read);
    await vi.waitFor(() => expect(gw.calls('customerPhones')).toBe(1), { interval: 10 });
    // The second caller's budget outlasts the first's by half of it.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const second = gw.graphql(read);
    expect(codes(await first)).toEqual(['UPSTREAM_TIMEOUT']);
    gw.sims.customerPhones.releaseHeld();
    const joined = await second;
    expect(joined.errors).toBeUndefined();
    expect(gw.calls('customerPhones')).toBe(1);
  });

  it('are each sent when COALESCE_UPSTREAM_READS=false', async () => {
    gw = await startTestGateway({ ADMISSION_MIN_CONCURRENCY: '64', COALESCE_UPSTREAM_READS: 'false' });
    gw.sims.customerPhones.inject({ kind: 'hold' });
    const answers = Array.from({ length: 5 }, () => gw.graphql(`{ customer(id: "${ACME}") { phones { version } } }`));
    await vi.waitFor(() => expect(gw.calls('customerPhones')).toBe(5), { interval: 10 });
    gw.sims.customerPhones.releaseHeld();
    await Promise.all(answers);
  });
});
