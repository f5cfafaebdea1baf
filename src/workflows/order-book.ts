// What the gateway remembers of disconnect orders, number by number: the order filed for it, a filing in
// flight, or a filing whose outcome is unknown (sent, and no answer said whether the Dashboard took it).
// A hint, never the truth: an order is re-read from the Dashboard before anything is said of it. In the
// shared store, so every instance reads the same.
import { randomUUID } from 'node:crypto';
import { forgetEntries, type SharedStore } from './shared-state.js';

/** How long the order filed for a number is remembered: far longer than anyone waits to call again. */
const rememberMs = 7 * 24 * 60 * 60 * 1000;
const prefix = 'disconnect-order:';
const FILING = 'filing:';
const UNKNOWN = 'unknown:';
const NAME = 'disconnect-order-name:';

export type OrderEntry =
  /** The order filed for the number. */
  | { kind: 'order'; value: string; orderId: string }
  /** A call is filing an order for it now. */
  | { kind: 'filing'; value: string; since: number }
  /**
   * An order was sent and its outcome is unknown, or a filing outlived any call's time (its instance
   * stopped mid-way): nothing is filed for the number until an operator settles it.
   */
  | { kind: 'unknown'; value: string; since: number };

export interface PendingOrder {
  /** E.164. */
  number: string;
  since: Date;
  reason: string;
}

export class OrderBook {
  /**
   * @param filingMs how long a filing may take (its reads and its POST, each within the upstream budget);
   * a filing marker older than that was left by an instance that stopped, and its outcome is unknown.
   */
  constructor(
    private readonly store: SharedStore,
    private readonly filingMs: number,
  ) {}

  async read(e164: string): Promise<OrderEntry | null> {
    const value = await this.store.get(prefix + e164);
    return value === null ? null : this.entry(value);
  }

  /** Takes the number for a filing under `marker`, if it still holds `current`; false when another call changed it first. */
  async claim(e164: string, current: OrderEntry | null, marker: string): Promise<boolean> {
    const key = prefix + e164;
    return current === null
      ? this.store.setIfAbsent(key, marker, rememberMs)
      : this.store.replaceIf(key, current.value, marker, rememberMs);
  }

  /** A fresh filing marker, unique to one call and dated. */
  static marker(): string {
    return `${FILING}${randomUUID()}:${Date.now()}`;
  }

  /** The filing under `marker` made this order. */
  async filed(e164: string, marker: string, orderId: string): Promise<void> {
    await this.store.replaceIf(prefix + e164, marker, orderId, rememberMs);
  }

  /** The filing under `marker` was sent and its outcome is unknown: no call files for the number again on its own. */
  async outcomeUnknown(e164: string, marker: string): Promise<void> {
    await this.store.replaceIf(prefix + e164, marker, `${UNKNOWN}${Date.now()}`, rememberMs);
  }

  /** The filing under `marker` certainly filed nothing: a later call may file. */
  async release(e164: string, marker: string): Promise<void> {
    await this.store.deleteIf(prefix + e164, marker);
  }

  /** The name an order was filed with: the Dashboard's answers do not repeat it (seed 002). */
  async rememberName(orderId: string, name: string): Promise<void> {
    await this.store.set(NAME + orderId, name, rememberMs);
  }

  nameOf(orderId: string): Promise<string | null> {
    return this.store.get(NAME + orderId);
  }

  /** An operator's word on an unknown outcome: the order the Dashboard shows, or none. True when the entry was still `current`. */
  settle(e164: string, current: OrderEntry, orderId: string | null): Promise<boolean> {
    const key = prefix + e164;
    return orderId === null ? this.store.deleteIf(key, current.value) : this.store.replaceIf(key, current.value, orderId, rememberMs);
  }

  /** Forgets every order, filing and name it holds (the demo reset: the orders it names are gone too). */
  async forgetAll(): Promise<void> {
    for (const keys of [prefix, NAME]) await forgetEntries(this.store, keys);
  }

  /** Every number waiting for an operator to settle its order's unknown outcome, oldest first. */
  async pending(): Promise<PendingOrder[]> {
    const pending: PendingOrder[] = [];
    for (const [key, value] of await this.store.entries(prefix)) {
      const entry = this.entry(value);
      if (entry.kind !== 'unknown') continue;
      const reason = value.startsWith(UNKNOWN)
        ? 'the order was sent and no answer said whether the Dashboard took it'
        : 'a filing started and its instance stopped before the answer came';
      pending.push({ number: key.slice(prefix.length), since: new Date(entry.since), reason });
    }
    return pending.sort((a, b) => a.since.getTime() - b.since.getTime());
  }

  private entry(value: string): OrderEntry {
    if (value.startsWith(UNKNOWN)) return { kind: 'unknown', value, since: Number(value.slice(UNKNOWN.length)) || 0 };
    if (value.startsWith(FILING)) {
      const since = Number(value.slice(value.lastIndexOf(':') + 1)) || 0;
      return Date.now() - since > this.filingMs ? { kind: 'unknown', value, since } : { kind: 'filing', value, since };
    }
    return { kind: 'order', value, orderId: value };
  }
}
