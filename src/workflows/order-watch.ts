// Watching disconnect orders. The Dashboard is the only source of an order's state: a callback makes
// the instance that receives it re-read the order and publish what it read to every instance; when
// no callback comes, the one watcher holding the order's poll lease re-reads it with back-off.
import { randomUUID } from 'node:crypto';
import { Repeater } from 'graphql-yoga';
import type { Logger } from 'pino';
import { UpstreamError } from '../errors.js';
import { type DashboardClient, type DisconnectOrderRecord, finalStatuses, orderStatuses } from '../upstreams/dashboard/client.js';
import type { Upstreams } from '../upstreams/index.js';
import type { OrderPubSub, PollLeases } from './shared-state.js';

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
  upstreams: Upstreams;
  pubsub: OrderPubSub;
  leases: PollLeases;
  logger: Logger;
  /** The first poll interval; it doubles while nothing changes, up to maxPollMs. */
  pollMs: number;
  maxPollMs?: number;
}

export class DisconnectOrderWatcher {
  private readonly maxPollMs: number;
  /** How to end each open watch: on shutdown every subscription ends with a final `complete`. */
  private readonly open = new Set<() => void>();

  constructor(private readonly options: DisconnectOrderWatcherOptions) {
    this.maxPollMs = options.maxPollMs ?? Math.max(options.pollMs, 30_000);
  }

  /** Ends every open watch (their subscriptions complete); used on shutdown. */
  close(): void {
    for (const end of this.open) end();
  }

  /** Re-reads the order from the Dashboard and tells every watcher, on every instance, what it read. */
  async refresh(orderId: string, dashboard: DashboardClient = this.options.upstreams.dashboard): Promise<void> {
    const order = await dashboard.getDisconnectOrder(orderId);
    if (order) this.options.pubsub.publish('disconnectOrder:state', orderId, order);
  }

  /** The order's current state, then each change, ending after a final status. */
  watch(orderId: string, dashboard: DashboardClient): AsyncIterable<DisconnectOrderRecord> {
    const { upstreams, pubsub, leases, logger, pollMs } = this.options;
    const holder = randomUUID();
    // Poll reads carry the holder as their request id, so each is traceable to one watcher.
    const poller = upstreams.forRequest(`poll-${holder}`, { memo: false }).dashboard;
    // The lease outlives a few polls, so another instance takes over only when this watcher is gone.
    const leaseMs = Math.max(3 * this.maxPollMs, 5_000);
    return new Repeater<DisconnectOrderRecord>(async (push, stop) => {
      const end = () => stop();
      this.open.add(end);
      const states = pubsub.subscribe('disconnectOrder:state', orderId)[Symbol.asyncIterator]();
      let nextState = states.next();
      let current: DisconnectOrderRecord | null = null;
      try {
        current = await dashboard.getDisconnectOrder(orderId);
        if (!current) throw new UpstreamError('NOT_FOUND', 'dashboard', `dashboard does not know disconnect order ${orderId}`);
        await push(current);
        let delay = pollMs;
        while (!finalStatuses.has(current.status)) {
          const timer = sleep(delay);
          const woke = await Promise.race([nextState, timer.done.then(() => 'poll' as const), stop.then(() => 'stop' as const)]);
          timer.cancel();
          if (woke === 'stop') return;
          if (woke === 'poll') {
            delay = Math.min(delay * 2, this.maxPollMs);
            if (await leases.acquire(orderId, holder, leaseMs)) {
              await this.refresh(orderId, poller).catch((error: unknown) => {
                logger.warn(
                  { orderId, code: error instanceof UpstreamError ? error.code : 'UNKNOWN' },
                  'disconnect order poll failed; will retry',
                );
              });
            }
            continue;
          }
          nextState = states.next();
          if (woke.done) return;
          const latest = woke.value;
          if (isNewer(current, latest)) {
            current = latest;
            delay = pollMs;
            await push(latest);
          }
        }
        stop();
      } catch (error) {
        stop(error);
      } finally {
        this.open.delete(end);
        await states.return?.();
        await leases.release(orderId, holder).catch(() => undefined);
      }
    });
  }
}
