// The admission queue: while the event loop is saturated, operations beyond the limit wait their
// turn; with time to spare, or with a cheap collector, nothing waits. The loop's load is set by each test.
import { request } from 'undici';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Admission, type LoopLoad, OverloadedError } from '../../src/admission.js';
import { ACME } from '../../src/simulators/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/** The loop busy all the time, the collector a third of it. */
const overloaded: LoopLoad = { busy: 1, collecting: 0.33 };

function admissionAt(load: { value: LoopLoad }, options: { minConcurrency?: number; maxQueue?: number } = {}) {
  // Adjusted by hand: the interval is out of the way.
  return new Admission({ minConcurrency: 2, maxQueue: 10, intervalMs: 3_600_000, load: () => load.value, ...options });
}

/** Four operations running when the loop was measured saturated with a costly collector: the limit is now 3. */
function saturated(options: { maxQueue?: number } = {}) {
  const load = { value: overloaded };
  const admission = admissionAt(load, options);
  for (let i = 0; i < 4; i += 1) admission.enter();
  admission.adjust();
  return { load, admission };
}

const ticks = () => new Promise((resolve) => setImmediate(resolve));

describe('the admission queue', () => {
  it.each([
    ['the event loop is not saturated, however costly its collector', { busy: 0.6, collecting: 0.33 }],
    ['the loop is saturated but the collector takes little of it', { busy: 1, collecting: 0.1 }],
  ])('lets every operation run at once while %s', (_, value) => {
    const admission = admissionAt({ value });
    const turns = Array.from({ length: 50 }, () => admission.enter());
    admission.adjust();
    expect(turns.every((turn) => turn === undefined)).toBe(true);
    expect(admission.state).toMatchObject({ executing: 50, waiting: 0, limit: Number.POSITIVE_INFINITY, load: value });
    admission.close();
  });

  it('while the loop is saturated, holds operations beyond the limit and starts them in order as others finish', async () => {
    const { admission } = saturated();
    expect(admission.state.limit).toBe(3);
    const started: string[] = [];
    admission.enter()?.then(() => started.push('first'));
    admission.enter()?.then(() => started.push('second'));
    admission.leave();
    await ticks();
    expect(started).toEqual([]);
    admission.leave();
    await ticks();
    expect(started).toEqual(['first']);
    admission.leave();
    await ticks();
    expect(started).toEqual(['first', 'second']);
    admission.close();
  });

  it('lets the waiting run as soon as the loop has time to spare, and then holds nothing', async () => {
    const { load, admission } = saturated();
    const waiting = [admission.enter(), admission.enter()];
    load.value = { busy: 0.2, collecting: 0.33 };
    admission.adjust();
    await expect(Promise.all(waiting)).resolves.toHaveLength(2);
    admission.adjust();
    expect(admission.state.limit).toBe(Number.POSITIVE_INFINITY);
    admission.close();
  });

  it('lets the waiting run once the collector is cheap again, though the loop stays saturated', async () => {
    const { load, admission } = saturated();
    const waiting = [admission.enter(), admission.enter()];
    load.value = { busy: 1, collecting: 0.05 };
    admission.adjust();
    expect(admission.state).toMatchObject({ executing: 6, waiting: 0 });
    await expect(Promise.all(waiting)).resolves.toHaveLength(2);
    admission.close();
  });

  it('reads how busy the loop was and how long the collector paused it from the process itself', async () => {
    const admission = new Admission({ minConcurrency: 2, maxQueue: 10, intervalMs: 3_600_000 });
    let kept: number[][] = [];
    const until = performance.now() + 100;
    while (performance.now() < until) kept = [Array.from({ length: 1000 }, (_, i) => i), ...kept.slice(0, 100)];
    // The collector's entries reach their observer a few turns of the loop after the busy stretch.
    await new Promise((resolve) => setTimeout(resolve, 20));
    admission.adjust();
    expect(admission.state.load.busy).toBeGreaterThan(0.5);
    expect(admission.state.load.collecting).toBeGreaterThan(0);
    admission.close();
  });

  it('refuses an operation when the queue is full', async () => {
    const { admission } = saturated({ maxQueue: 1 });
    admission.enter();
    await expect(admission.enter()).rejects.toBeInstanceOf(OverloadedError);
    expect(admission.state).toMatchObject({ waiting: 1, waited: 1, refused: 1 });
    admission.close();
  });
});

describe('a saturated gateway', () => {
  let gw: TestGateway;
  afterEach(async () => {
    await gw.close();
  });

  const query = (id: number) =>
    request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `admission-${id}` },
      body: JSON.stringify({ query: `{ customer(id: "${ACME}") { phones { version } } }` }),
    });

  it('runs an operation beyond the limit after the one before it, and refuses one past a full queue as OVERLOADED with 503', async () => {
    gw = await startTestGateway({ ADMISSION_MIN_CONCURRENCY: '1', ADMISSION_QUEUE_LIMIT: '1' }, {}, { loopLoad: () => overloaded });
    gw.sims.customerPhones.inject({ kind: 'hold' }, { times: 1 });
    const first = query(1);
    await vi.waitFor(() => expect(gw.calls('customerPhones')).toBe(1), { interval: 10 });
    await vi.waitFor(() => expect(gw.gateway.services.admission?.state.limit).toBe(1), { interval: 10 });

    const second = query(2);
    await vi.waitFor(() => expect(gw.gateway.services.admission?.state.waiting).toBe(1), { interval: 10 });
    const refused = await query(3);
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(((await refused.body.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('OVERLOADED');
    expect(gw.calls('customerPhones')).toBe(1);

    gw.sims.customerPhones.releaseHeld();
    for (const answer of [await first, await second]) {
      expect(await answer.body.json()).toEqual({ data: { customer: { phones: { version: '3' } } } });
    }
    expect(gw.calls('customerPhones')).toBe(2);
    const metrics = await (await request(`${gw.url}/metrics`)).body.text();
    expect(metrics).toMatch(/^switchboard_admission_refused_total 1$/m);
    expect(metrics).toMatch(/^switchboard_admission_waited_total 1$/m);
    expect(metrics).toMatch(/^switchboard_admission_loop_busy_ratio 1$/m);
    expect(metrics).toMatch(/^switchboard_admission_gc_pause_ratio 0.33$/m);
  });

  it('holds nothing back while operations only wait on a slow upstream: the loop is idle, so there is no limit', async () => {
    gw = await startTestGateway({ ADMISSION_MIN_CONCURRENCY: '1' });
    gw.sims.customerPhones.inject({ kind: 'hold' });
    const held = [1, 2, 3].map((id) => query(id));
    // Three operations wait on one read (identical reads in flight are joined).
    await vi.waitFor(() => expect(gw.gateway.services.admission?.state).toMatchObject({ executing: 3 }), { interval: 10 });
    expect(gw.calls('customerPhones')).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 250));
    const other = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ customer(id: "${ACME}") { phoneNumbers { id } } }` }),
    });
    expect(((await other.body.json()) as { data?: unknown }).data).toBeDefined();
    expect(gw.gateway.services.admission?.state).toMatchObject({ waiting: 0, waited: 0, limit: Number.POSITIVE_INFINITY });
    gw.sims.customerPhones.releaseHeld();
    await Promise.all(held);
  });

  it('never holds a cached answer: it is served while the loop is saturated and the limit is taken', async () => {
    gw = await startTestGateway({ ADMISSION_MIN_CONCURRENCY: '1', RESPONSE_CACHE_TTL_MS: '60000' }, {}, { loopLoad: () => overloaded });
    const cached = JSON.stringify({ query: `{ customer(id: "${ACME}") { phoneNumbers { id } } }` });
    const post = () => request(`${gw.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: cached });
    await (await post()).body.dump();
    gw.sims.customerPhones.inject({ kind: 'hold' }, { times: 1 });
    const first = query(1);
    await vi.waitFor(() => expect(gw.gateway.services.admission?.state).toMatchObject({ executing: 1, limit: 1 }), { interval: 10 });

    const answer = (await (await post()).body.json()) as { data?: { customer?: { phoneNumbers?: unknown[] } } };
    expect(answer.data?.customer?.phoneNumbers?.length).toBeGreaterThan(0);
    expect(gw.gateway.services.admission?.state.waited).toBe(0);
    gw.sims.customerPhones.releaseHeld();
    await (await first).body.dump();
  });
});
