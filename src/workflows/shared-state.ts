// What several gateway instances must share: disconnect-order events (so a callback that reaches
// one instance moves subscriptions held by another) and who polls an order (so one instance does,
// not all), and small facts such as the disconnect order filed for a number. In-process without
// REDIS_URL; through Redis with it.

import { setMaxListeners } from 'node:events';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSub, type PubSubEvent, type PubSubEventTarget } from 'graphql-yoga';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { DisconnectOrderRecord } from '../upstreams/dashboard/client.js';

type OrderEvents = {
  /** The order as the Dashboard answered a re-read, published to every instance. */
  'disconnectOrder:state': [orderId: string, order: DisconnectOrderRecord];
};

export type OrderPubSub = PubSub<OrderEvents>;

/** A lease on polling one order: held by one watcher at a time, renewed while it polls. */
export interface PollLeases {
  /** True when `holder` now holds the lease (newly, or still); it lapses after ttlMs unless renewed. */
  acquire(orderId: string, holder: string, ttlMs: number): Promise<boolean>;
  release(orderId: string, holder: string): Promise<void>;
}

/** Small facts that must outlive a request and be seen by every instance (e.g. which order was filed for a number). */
export interface SharedStore {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Sets the value only if the key has none; true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Replaces the value only if it is still `expected`; true when this call replaced it. */
  replaceIf(key: string, expected: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the key only if its value is still `expected`; true when this call deleted it. */
  deleteIf(key: string, expected: string): Promise<boolean>;
  /** Every live key that starts with `prefix`, with its value (an operator's listing, not a hot path). */
  entries(prefix: string): Promise<[key: string, value: string][]>;
}

/** Deletes every live key under `prefix`, unless another call changed it meanwhile (an operator's act, not a hot path). */
export async function forgetEntries(store: SharedStore, prefix: string): Promise<void> {
  for (const [key, value] of await store.entries(prefix)) await store.deleteIf(key, value);
}

export interface SharedState {
  pubsub: OrderPubSub;
  leases: PollLeases;
  store: SharedStore;
  /** The Redis connection commands go through (with REDIS_URL), for what else must be shared (the response cache). */
  redis?: Redis | undefined;
  ready(): boolean;
  close(): Promise<void>;
}

function inProcessLeases(): PollLeases {
  const held = new Map<string, { holder: string; until: number }>();
  return {
    acquire: async (orderId, holder, ttlMs) => {
      const now = Date.now();
      const lease = held.get(orderId);
      if (lease && lease.holder !== holder && lease.until > now) return false;
      held.set(orderId, { holder, until: now + ttlMs });
      return true;
    },
    release: async (orderId, holder) => {
      if (held.get(orderId)?.holder === holder) held.delete(orderId);
    },
  };
}

function inProcessStore(): SharedStore {
  const values = new Map<string, { value: string; until: number }>();
  // Most keys are never read again once they expire (a mutation's idempotency key): swept now and then, not only on reads.
  let writes = 0;
  const sweep = () => {
    writes += 1;
    if (writes % 1000 !== 0) return;
    const now = Date.now();
    for (const [key, entry] of values) if (entry.until <= now) values.delete(key);
  };
  const live = (key: string) => {
    const entry = values.get(key);
    if (entry && entry.until <= Date.now()) values.delete(key);
    return values.get(key);
  };
  return {
    get: async (key) => live(key)?.value ?? null,
    set: async (key, value, ttlMs) => {
      sweep();
      values.set(key, { value, until: Date.now() + ttlMs });
    },
    setIfAbsent: async (key, value, ttlMs) => {
      if (live(key)) return false;
      sweep();
      values.set(key, { value, until: Date.now() + ttlMs });
      return true;
    },
    replaceIf: async (key, expected, value, ttlMs) => {
      if (live(key)?.value !== expected) return false;
      values.set(key, { value, until: Date.now() + ttlMs });
      return true;
    },
    deleteIf: async (key, expected) => live(key)?.value === expected && values.delete(key),
    entries: async (prefix) =>
      [...values.keys()].flatMap((key) => {
        const value = key.startsWith(prefix) ? live(key)?.value : undefined;
        return value === undefined ? [] : [[key, value] as [string, string]];
      }),
  };
}

// Compare-and-set in one step on the Redis server, so two instances cannot both replace one value.
const replaceIfScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;
const deleteIfScript = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
// A poll lease taken or renewed by its holder, and released only by it: one step each, as above.
const acquireLeaseScript = `local holder = redis.call('GET', KEYS[1])
if holder == false or holder == ARGV[1] then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;

function redisStore(redis: Redis): SharedStore {
  const key = (name: string) => `switchboard:${name}`;
  return {
    get: (name) => redis.get(key(name)),
    set: async (name, value, ttlMs) => {
      await redis.set(key(name), value, 'PX', ttlMs);
    },
    setIfAbsent: async (name, value, ttlMs) => (await redis.set(key(name), value, 'PX', ttlMs, 'NX')) === 'OK',
    replaceIf: async (name, expected, value, ttlMs) =>
      (await redis.eval(replaceIfScript, 1, key(name), expected, value, String(ttlMs))) === 1,
    deleteIf: async (name, expected) => (await redis.eval(deleteIfScript, 1, key(name), expected)) === 1,
    entries: async (prefix) => {
      const keys: string[] = [];
      for await (const batch of redis.scanStream({ match: `${key(prefix)}*`, count: 500 })) keys.push(...(batch as string[]));
      if (keys.length === 0) return [];
      const values = await redis.mget(keys);
      return keys.flatMap((k, i) => {
        const value = values[i];
        return value == null ? [] : [[k.slice(key('').length), value] as [string, string]];
      });
    },
  };
}

function redisLeases(redis: Redis): PollLeases {
  const key = (orderId: string) => `switchboard:poll:${orderId}`;
  return {
    acquire: async (orderId, holder, ttlMs) => (await redis.eval(acquireLeaseScript, 1, key(orderId), holder, String(ttlMs))) === 1,
    release: async (orderId, holder) => {
      await redis.eval(deleteIfScript, 1, key(orderId), holder);
    },
  };
}

/** Without REDIS_URL, in this process; ioredis is loaded only with it, so a gateway without Redis never holds it in memory. */
export async function createSharedState(redisUrl: string | undefined, logger: Logger): Promise<SharedState> {
  if (!redisUrl) {
    // Every subscription to an order listens on its topic: many listeners on one are expected, not a leak
    // (MAX_SUBSCRIPTIONS bounds them), so Node's warning past ten is off.
    const eventTarget = new EventTarget();
    setMaxListeners(0, eventTarget);
    return {
      pubsub: createPubSub<OrderEvents>({ eventTarget: eventTarget as PubSubEventTarget<OrderEvents> }),
      leases: inProcessLeases(),
      store: inProcessStore(),
      ready: () => true,
      close: async () => undefined,
    };
  }
  // Through the default export (module.exports): the production bundle's import() of a CommonJS package has no named exports.
  const { Redis: RedisClient } = (await import('ioredis')).default;
  const connect = (role: string) => {
    const client = new RedisClient(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
    client.on('error', (error: Error) => logger.warn({ redis: role, reason: error.message }, 'redis connection problem'));
    return client;
  };
  const publishClient = connect('publish');
  const subscribeClient = connect('subscribe');
  const eventTarget = createRedisEventTarget<PubSubEvent<OrderEvents, keyof OrderEvents>>({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<OrderEvents>({ eventTarget }),
    leases: redisLeases(publishClient),
    store: redisStore(publishClient),
    redis: publishClient,
    ready: () => publishClient.status === 'ready' && subscribeClient.status === 'ready',
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}
