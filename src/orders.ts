// Watching disconnect orders: a watcher re-reads the order from the Dashboard when a callback hints
// that it changed, and polls with back-off when no callback comes. Only what the Dashboard says is reported.
import type { Logger } from 'pino';
import { createPubSub, Repeater, type PubSub } from 'graphql-yoga';
import { UpstreamError } from './errors.js';
import { finalStatuses, orderStatuses, type DashboardClient, type DisconnectOrderRecord } from './upstreams/dashboard/client.js';

export type OrderEvents = {
  /** A notification said this order changed; the payload is only a hint to re-read it. */
  'disconnectOrder:hint': [orderId: string, payload: { orderId: string }];
};

export type OrderPubSub = PubSub<OrderEvents>;

export function createOrderPubSub(): OrderPubSub {
  return createPubSub<OrderEvents>();
}

const rank = (order: DisconnectOrderRecord) => orderStatuses.indexOf(order.status);

function isNewer(current: DisconnectOrderRecord, latest: DisconnectOrderRecord): boolean {
  // An order only moves forward: an older state read late (a lagging replica, a reordered answer) is not news.
  if (rank(latest) < rank(current)) return false;
  return rank(latest) > rank(current) || latest.disconnectedNumbers.length > current.disconnectedNumbers.length;
}

function sleep(ms: number): { done: Promise<void>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return { done, cancel: () => clearTimeout(timer) };
}

export interface DisconnectOrderWatcherOptions {
  dashboard: DashboardClient;
  pubsub: OrderPubSub;
  logger: Logger;
  /** The first poll interval; it doubles while nothing changes, up to maxPollMs. */
  pollMs: number;
  maxPollMs?: number;
}

export class DisconnectOrderWatcher {
  private readonly maxPollMs: number;

  constructor(private readonly options: DisconnectOrderWatcherOptions) {
    this.maxPollMs = options.maxPollMs ?? Math.max(options.pollMs, 30_000);
  }

  /** Tells every watcher of the order to re-read it now. */
  hint(orderId: string): void {
    this.options.pubsub.publish('disconnectOrder:hint', orderId, { orderId });
  }

  /** The order's current state, then each change, ending after a final status. */
  watch(orderId: string): AsyncIterable<DisconnectOrderRecord> {
    const { dashboard, pubsub, logger, pollMs } = this.options;
    return new Repeater<DisconnectOrderRecord>(async (push, stop) => {
      const hints = pubsub.subscribe('disconnectOrder:hint', orderId)[Symbol.asyncIterator]();
      let nextHint = hints.next();
      try {
        let current = await dashboard.getDisconnectOrder(orderId);
        if (!current) throw new UpstreamError('NOT_FOUND', 'dashboard', `dashboard does not know disconnect order ${orderId}`);
        await push(current);
        let delay = pollMs;
        while (!finalStatuses.has(current.status)) {
          const timer = sleep(delay);
          const woke = await Promise.race([nextHint.then(() => 'hint' as const), timer.done.then(() => 'poll' as const), stop.then(() => 'stop' as const)]);
          timer.cancel();
          if (woke === 'stop') return;
          if (woke === 'hint') {
            nextHint = hints.next();
            delay = pollMs;
          } else {
            delay = Math.min(delay * 2, this.maxPollMs);
          }
          let latest: DisconnectOrderRecord | null;
          try {
            latest = await dashboard.getDisconnectOrder(orderId);
          } catch (error) {
            logger.warn({ orderId, code: error instanceof UpstreamError ? error.code : 'UNKNOWN' }, 'disconnect order re-read failed; will retry');
            continue;
          }
          if (latest && isNewer(current, latest)) {
            current = latest;
            await push(latest);
          }
        }
        stop();
      } catch (error) {
        stop(error);
      } finally {
        await hints.return?.();
      }
    });
  }
}
