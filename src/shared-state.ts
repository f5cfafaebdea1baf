// What several gateway instances must share: disconnect-order events (so a callback that reaches
// one instance moves subscriptions held by another) and who polls an order (so one instance does,
// not all). In-process without REDIS_URL; through Redis with it.
import { randomUUID } from 'node:crypto';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, type PubSubEvent } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { OrderEvents, OrderPubSub } from './orders.js';

/** A lease on polling one order: held by one watcher at a time, renewed while it polls. */
export interface PollLeases {
  /** True when `holder` now holds the lease (newly, or still); it lapses after ttlMs unless renewed. */
  acquire(orderId: string, holder: string, ttlMs: number): Promise<boolean>;
  release(orderId: string, holder: string): Promise<void>;
}

export interface SharedState {
  pubsub: OrderPubSub;
  leases: PollLeases;
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

function redisLeases(redis: Redis): PollLeases {
  const key = (orderId: string) => `switchboard:poll:${orderId}`;
  return {
    acquire: async (orderId, holder, ttlMs) => {
      if ((await redis.set(key(orderId), holder, 'PX', ttlMs, 'NX')) === 'OK') return true;
      if ((await redis.get(key(orderId))) !== holder) return false;
      await redis.pexpire(key(orderId), ttlMs);
      return true;
    },
    release: async (orderId, holder) => {
      if ((await redis.get(key(orderId))) === holder) await redis.del(key(orderId));
    },
  };
}

export function createSharedState(redisUrl: string | undefined, logger: Logger): SharedState {
  if (!redisUrl) return { pubsub: createPubSub<OrderEvents>(), leases: inProcessLeases(), ready: () => true, close: async () => undefined };
  const connect = (role: string) => {
    const client = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
    client.on('error', (error: Error) => logger.warn({ redis: role, reason: error.message }, 'redis connection problem'));
    return client;
  };
  const publishClient = connect('publish');
  const subscribeClient = connect('subscribe');
  const eventTarget = createRedisEventTarget<PubSubEvent<OrderEvents, keyof OrderEvents>>({ publishClient, subscribeClient });
  return {
    pubsub: createPubSub<OrderEvents>({ eventTarget }),
    leases: redisLeases(publishClient),
    ready: () => publishClient.status === 'ready' && subscribeClient.status === 'ready',
    close: async () => {
      await Promise.allSettled([publishClient.quit(), subscribeClient.quit()]);
    },
  };
}

export const newHolderId = () => randomUUID();
