// POST /simulators/reset: the demo back as `npm start` began it, without a restart. Offered only in
// development with every upstream simulated (the demo), where no real upstream's state is touched: the
// simulators' data (the Dashboard's orders too) and what this gateway remembers of it (the order filed
// for each number, the outcomes of keyed mutations, cached responses, orders being followed).
import type { Services } from './context.js';
import { idempotencyPrefix } from './plugins/use-idempotency.js';
import { cachedTypes, invalidateCached } from './response-cache.js';
import type { Simulators } from './simulators/index.js';
import { upstreamNames } from './upstreams/registry.js';
import { forgetEntries } from './workflows/shared-state.js';

export type DemoReset = () => Promise<void>;

/** A reset for a gateway whose upstreams are all simulated; undefined otherwise. */
export function demoReset(
  simulators: Partial<Simulators>,
  services: Pick<Services, 'config' | 'store' | 'orderBook' | 'responseCache' | 'orders'>,
): DemoReset | undefined {
  if (services.config.production || upstreamNames.some((name) => simulators[name] === undefined)) return undefined;
  const all = simulators as Simulators;
  return async () => {
    services.orders.close();
    for (const name of upstreamNames) {
      all[name].clearFaults();
      all[name].restoreDemo();
    }
    all.dashboard.state.orders.clear();
    await services.orderBook.forgetAll();
    await forgetEntries(services.store, idempotencyPrefix);
    await invalidateCached(services.responseCache, [...cachedTypes]);
  };
}
