// Two gateway processes sharing one Redis act as one: a callback reaching one moves a subscription
// held by the other, and an order is polled by one watcher, not by every instance.
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, simulatorCredentials, simulatorSettings } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { ACME } from '../src/simulators/demo.js';
import { closeSimulators, type Simulators, startSimulators } from '../src/simulators/index.js';
import { createSharedState } from '../src/workflows/shared-state.js';
import { FollowDisconnectOrderDocument } from './generated/graphql.js';
import { subscribe } from './support/gateway.js';
import { freePort } from './support/net.js';
import { requireProgram, spawnGateway } from './support/process.js';

const callback = { BANDWIDTH_CALLBACK_USERNAME: 'bandwidth', BANDWIDTH_CALLBACK_PASSWORD: 'shared-callback-secret' };
const children: ChildProcess[] = [];
let sims: Simulators;
let redisUrl: string;

function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`not seen within 40 s: ${pattern}\n${seen}`)), 40_000);
    const look = (chunk: Buffer) => {
      seen += String(chunk);
      const match = pattern.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
  });
}

async function startInstance(env: Record<string, string>): Promise<{ url: string; secrets: string[]; child: ChildProcess }> {
  const child = spawnGateway({
    ...simulatorSettings((name) => sims[name].url),
    ...callback,
    PORT: '0',
    LOG_LEVEL: 'info',
    REDIS_URL: redisUrl,
    ...env,
  });
  children.push(child);
  const [, url] = await waitFor(child, /at (http:\/\/127\.0\.0\.1:\d+)\/graphql/);
  await vi.waitFor(async () => expect((await fetch(`${url}/readiness`)).status).toBe(200), { timeout: 20_000 });
  return { url: url as string, secrets: loadConfig({ ...simulatorCredentials, ...callback }).secrets, child };
}

type Instance = Awaited<ReturnType<typeof startInstance>>;
const pairs = new Map<string, Promise<[Instance, Instance]>>();
/** Two instances on the same Redis, started once per poll interval and shared by the tests that need that interval. */
function twoInstances(pollMs: string, env: Record<string, string> = {}): Promise<[Instance, Instance]> {
  const key = JSON.stringify([pollMs, env]);
  let pair = pairs.get(key);
  if (!pair) {
    pair = Promise.all([startInstance({ DISCONNECT_POLL_MS: pollMs, ...env }), startInstance({ DISCONNECT_POLL_MS: pollMs, ...env })]);
    pairs.set(key, pair);
  }
  return pair;
}

async function fileOrder(national: string): Promise<string> {
  const sim = sims.dashboard;
  const res = await fetch(`${sim.url}/accounts/${simulatorCredentials.BANDWIDTH_ACCOUNT_ID}/disconnects`, {
    method: 'POST',
    headers: {
      'content-type': 'application/xml',
      authorization: `Basic ${Buffer.from(`${simulatorCredentials.BANDWIDTH_USERNAME}:${simulatorCredentials.BANDWIDTH_PASSWORD}`).toString('base64')}`,
    },
    body: `<DisconnectTelephoneNumberOrder><DisconnectTelephoneNumberOrderType><TelephoneNumberList><TelephoneNumber>${national}</TelephoneNumber></TelephoneNumberList></DisconnectTelephoneNumberOrderType></DisconnectTelephoneNumberOrder>`,
  });
  return String(res.headers.get('location')).split('/').pop() as string;
}

beforeAll(async () => {
  const port = await freePort();
  const redisServer = requireProgram('redis-server', 'apt-get install redis-server');
  const redis = spawn(redisServer, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(redis);
  await waitFor(redis, /Ready to accept connections/);
  redisUrl = `redis://127.0.0.1:${port}`;
  sims = (await startSimulators(loadConfig({}).upstreams, { orderStepMs: 'manual' })) as Simulators;
}, 30_000);

afterAll(async () => {
  for (const child of children.reverse()) child.kill('SIGTERM');
  await closeSimulators(sims);
});

// Each test starts two gateway processes: slow on a busy two-core machine.
describe('several instances on Redis', { timeout: 90_000 }, () => {
  it('completes a subscription held on instance B from a callback that reached instance A', async () => {
    const [a, b] = await twoInstances('600000');
    sims.dashboard.setCallback({
      url: `${a.url}/callbacks/bandwidth`,
      username: callback.BANDWIDTH_CALLBACK_USERNAME,
      password: callback.BANDWIDTH_CALLBACK_PASSWORD,
    });
    const id = await fileOrder('8285550142');
    const events = await subscribe(b, FollowDisconnectOrderDocument, { id }, async (_, index) => {
      if (index < 2) await sims.dashboard.advanceOrder(id);
    });
    sims.dashboard.setCallback(undefined);
    expect(events.map((e) => e.data?.disconnectOrder?.status)).toEqual(['RECEIVED', 'PROCESSING', 'COMPLETE']);
    expect(sims.dashboard.callbacksSent.filter((c) => c.orderId === id).map((c) => c.httpStatus)).toEqual([200, 200]);
  });

  it('polls an order watched on two instances from one watcher only', async () => {
    const [a, b] = await twoInstances('50');
    const id = await fileOrder('7045550123');
    await sims.dashboard.advanceOrder(id);
    sims.dashboard.resetRequests();
    let advanced = false;
    const onA = subscribe(a, FollowDisconnectOrderDocument, { id });
    const onB = subscribe(b, FollowDisconnectOrderDocument, { id }, async () => {
      // Once both watch, let a few polls happen, then finish the order so both subscriptions end.
      if (advanced) return;
      advanced = true;
      await vi.waitFor(
        () =>
          expect(
            sims.dashboard.requests.filter((r) => String(r.headers['x-request-id']).startsWith('poll-')).length,
          ).toBeGreaterThanOrEqual(3),
        {
          timeout: 5_000,
        },
      );
      await sims.dashboard.advanceOrder(id);
    });
    const [eventsA, eventsB] = await Promise.all([onA, onB]);
    expect(eventsA.at(-1)?.data?.disconnectOrder?.status).toBe('COMPLETE');
    expect(eventsB.at(-1)?.data?.disconnectOrder?.status).toBe('COMPLETE');
    const pollers = new Set(sims.dashboard.requests.map((r) => String(r.headers['x-request-id'])).filter((rid) => rid.startsWith('poll-')));
    expect(pollers.size).toBe(1);
  });
});

describe('one disconnect order per number across instances', { timeout: 90_000 }, () => {
  const mutate = async <T>(url: string, query: string): Promise<T> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    return (await res.json()) as T;
  };
  const posts = () => sims.dashboard.requests.filter((r) => r.method === 'POST').length;
  type Disconnect = { data: { disconnectNumber: { orderFiledNow: boolean; order: { id: string } } | null } };
  type Retire = {
    data: { retirePhoneNumber: { complete: boolean; steps: { status: string; reason: string | null; order: { id: string } | null }[] } };
  };

  it('files one order when disconnectNumber is called on A, then retirePhoneNumber and disconnectNumber on B', async () => {
    const [a, b] = await twoInstances('600000');
    const before = posts();
    const first = await mutate<Disconnect>(
      a.url,
      `mutation { disconnectNumber(number: "+1 919 230 2749") { orderFiledNow order { id } } }`,
    );
    const retired = await mutate<Retire>(
      b.url,
      `mutation { retirePhoneNumber(customerId: "${ACME}", number: "+1 919 230 2749") { complete steps { status reason order { id } } } }`,
    );
    const again = await mutate<Disconnect>(b.url, `mutation { disconnectNumber(number: "(919) 230-2749") { orderFiledNow order { id } } }`);
    const id = first.data.disconnectNumber?.order.id;
    expect(first.data.disconnectNumber?.orderFiledNow).toBe(true);
    expect(retired.data.retirePhoneNumber.complete).toBe(true);
    expect(retired.data.retirePhoneNumber.steps[4]).toMatchObject({ status: 'SKIPPED', order: { id } });
    expect(again.data.disconnectNumber).toMatchObject({ orderFiledNow: false, order: { id } });
    expect(posts() - before).toBe(1);
  });

  it('sends one POST when two instances disconnect the same number at the same moment', async () => {
    const [a, b] = await twoInstances('600000');
    const before = posts();
    const query = `mutation { disconnectNumber(number: "+1 828 555 0142") { orderFiledNow order { id } } }`;
    const answers = await Promise.all(
      [a, b, a, b].map((instance) => mutate<Disconnect & { errors?: { extensions: { code: string } }[] }>(instance.url, query)),
    );
    expect(posts() - before).toBe(1);
    const ids = new Set(answers.flatMap((answer) => (answer.data.disconnectNumber ? [answer.data.disconnectNumber.order.id] : [])));
    expect(ids.size).toBe(1);
    // A call that lost the race while the POST was in flight says so rather than filing again.
    for (const answer of answers.filter((x) => !x.data.disconnectNumber))
      expect(answer.errors?.[0]?.extensions.code).toBe('UPSTREAM_TIMEOUT');
  });
});

describe('Idempotency-Key on Redis', { timeout: 90_000 }, () => {
  const create = `mutation { createPhoneNumber(customerId: "${ACME}", input: { type: HOME, countryCode: "+1", phoneNumber: "555 0100" }) { id } }`;
  const keyed = async (url: string, key: string) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ query: create }),
    });
    return { replayed: res.headers.get('idempotent-replayed'), body: await res.json() };
  };
  const posts = () => sims.phoneNumbers.requests.filter((r) => r.method === 'POST').length;

  it('answers a retry that lands on another instance with the first outcome, writing once', async () => {
    const [a, b] = await twoInstances('600000');
    const before = posts();
    const first = await keyed(a.url, 'instances-1');
    const retry = await keyed(b.url, 'instances-1');
    expect(retry).toEqual({ replayed: 'true', body: first.body });
    expect(posts() - before).toBe(1);
  });

  it('answers a retry after the gateway restarted with the first outcome, writing once', async () => {
    const before = posts();
    const first = await startInstance({});
    const answer = await keyed(first.url, 'instances-2');
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGTERM');
    await exited;
    const restarted = await startInstance({});
    const retry = await keyed(restarted.url, 'instances-2');
    expect(retry).toEqual({ replayed: 'true', body: answer.body });
    expect(posts() - before).toBe(1);
  });
});

describe('the shared store on Redis', () => {
  it('replaces or deletes a value only while it is the one expected, as the in-process store does', async () => {
    const shared = await createSharedState(redisUrl, createLogger('silent'));
    try {
      const { store } = shared;
      expect(await store.setIfAbsent('test:k', 'filing:1', 60_000)).toBe(true);
      expect(await store.setIfAbsent('test:k', 'filing:2', 60_000)).toBe(false);
      expect(await store.replaceIf('test:k', 'filing:2', 'order-b', 60_000)).toBe(false);
      expect(await store.replaceIf('test:k', 'filing:1', 'order-a', 60_000)).toBe(true);
      await store.deleteIf('test:k', 'filing:1');
      expect(await store.get('test:k')).toBe('order-a');
      expect(await store.deleteIf('test:k', 'order-a')).toBe(true);
      expect(await store.get('test:k')).toBeNull();
    } finally {
      await shared.close();
    }
  });

  it('lists the live keys under a prefix, for the operator listing of pending disconnect orders', async () => {
    const shared = await createSharedState(redisUrl, createLogger('silent'));
    try {
      await shared.store.setIfAbsent('listed:a', '1', 60_000);
      await shared.store.setIfAbsent('listed:b', '2', 60_000);
      await shared.store.setIfAbsent('other:c', '3', 60_000);
      expect((await shared.store.entries('listed:')).sort()).toEqual([
        ['listed:a', '1'],
        ['listed:b', '2'],
      ]);
    } finally {
      await shared.close();
    }
  });

  it("gives a poll lease to one holder at a time, renews it for that holder, and releases only that holder's", async () => {
    const shared = await createSharedState(redisUrl, createLogger('silent'));
    try {
      const { leases } = shared;
      expect(await leases.acquire('order-1', 'a', 60_000)).toBe(true);
      expect(await leases.acquire('order-1', 'b', 60_000)).toBe(false);
      expect(await leases.acquire('order-1', 'a', 60_000)).toBe(true);
      await leases.release('order-1', 'b');
      expect(await leases.acquire('order-1', 'b', 60_000)).toBe(false);
      await leases.release('order-1', 'a');
      expect(await leases.acquire('order-1', 'b', 60_000)).toBe(true);
    } finally {
      await shared.close();
    }
  });
});

describe('the response cache on Redis', { timeout: 90_000 }, () => {
  it('drops on instance A what a write through instance B made stale', async () => {
    const [a, b] = await twoInstances('600000', { RESPONSE_CACHE_TTL_MS: '60000' });
    const post = async (url: string, query: string) => {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
      return (await res.json()) as { data: { customer: { contacts: { items: { id: string; status: string }[] } } } };
    };
    const read = `{ customer(id: "${ACME}") { contacts(size: 100) { items { id status } } } }`;
    const contact = '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d';
    const status = (answer: Awaited<ReturnType<typeof post>>) => answer.data.customer.contacts.items.find((c) => c.id === contact)?.status;
    expect(status(await post(a.url, read))).toBe('ACTIVE');
    sims.contacts.resetRequests();
    expect(status(await post(a.url, read))).toBe('ACTIVE');
    expect(sims.contacts.requests).toHaveLength(0);
    await post(b.url, `mutation { deleteContacts(customerId: "${ACME}", ids: ["${contact}"]) { requestId } }`);
    expect(status(await post(a.url, read))).toBe('DELETED');
  });
});
