// Taking a number out of Bandwidth, the one workflow behind disconnectNumber and retirePhoneNumber:
// un-import it at catapult, then make sure exactly one disconnect order stands for it at the
// Dashboard. Memory (in-process, or Redis shared by every instance) only says which order was filed;
// whether it still stands is read from the Dashboard on every call.
import { randomUUID } from 'node:crypto';
import { nullWhenNotFound, UpstreamError, withProgress } from '../errors.js';
import type { CatapultClient } from '../upstreams/catapult/client.js';
import type { DashboardClient, DisconnectOrderRecord } from '../upstreams/dashboard/client.js';
import type { SharedStore } from './shared-state.js';

export interface UnimportOutcome {
  /** The number-id this call un-imported; null when there was nothing to un-import. */
  unimportedId: string | null;
  /** Why nothing was un-imported. */
  reason: string | null;
}

/** Un-imports the number, read now: not imported, or un-imported by someone else meanwhile, is the wanted state. */
export async function unimportNumber(catapult: CatapultClient, e164: string): Promise<UnimportOutcome> {
  const record = await catapult.findNumber(e164);
  if (!record) return { unimportedId: null, reason: 'not imported at catapult' };
  const unimported = await nullWhenNotFound(() => catapult.unimport(record.id).then(() => true));
  if (!unimported) return { unimportedId: null, reason: 'un-imported by someone else meanwhile' };
  return { unimportedId: record.id, reason: null };
}

/** How long the order filed for a number is remembered: far longer than anyone waits to call again. */
const rememberMs = 7 * 24 * 60 * 60 * 1000;
const FILING = 'filing:';
const orderKey = (e164: string) => `disconnect-order:${e164}`;

/** An order stands for a number unless it failed, or it ended without disconnecting that number. */
function standsFor(order: DisconnectOrderRecord, national: string): boolean {
  if (order.status === 'FAILED') return false;
  return order.status !== 'PARTIAL' || order.disconnectedNumbers.includes(national);
}

const outcomeUnknown = () =>
  new UpstreamError(
    'UPSTREAM_TIMEOUT',
    'dashboard',
    'a disconnect order for this number was sent and its outcome is unknown (or it is being sent right now); it is not sent again: check the Dashboard before filing it again',
    { outcomeUnknown: true },
  );

export interface NumberToDisconnect {
  /** E.164, the key the order is remembered by. */
  e164: string;
  /** The 10-digit national number the Dashboard wants. */
  national: string;
}

export type OrderForNumber = { ok: true; order: DisconnectOrderRecord; filedNow: boolean } | { ok: false; error: UpstreamError };

/** An upstream's failure, kept to report for the numbers it concerns; anything else is a bug and goes on up. */
function upstreamFailure(error: unknown): UpstreamError {
  if (error instanceof UpstreamError) return error;
  throw error;
}

/**
 * The disconnect order for each number, filed at most once per intent across calls and instances: a
 * remembered order is re-read and returned while the Dashboard has it and it stands for the number; the
 * numbers with none (never filed, unknown to the Dashboard, or failed) go into one new order. A marker
 * set before the POST makes a concurrent or unknown-outcome filing block every other one.
 */
export async function ensureDisconnectOrders(
  numbers: NumberToDisconnect[],
  name: string | undefined,
  dashboard: DashboardClient,
  store: SharedStore,
): Promise<OrderForNumber[]> {
  const marker = `${FILING}${randomUUID()}`;

  /** The order standing for the number, or 'claimed' when this call holds its marker and must file. */
  const claim = async ({ e164, national }: NumberToDisconnect): Promise<OrderForNumber | 'claimed'> => {
    const key = orderKey(e164);
    // Another call may change the marker between our read and our write: read again, a few times at most.
    for (let attempt = 0; attempt < 3; attempt++) {
      const remembered = await store.get(key);
      if (remembered === null) {
        if (await store.setIfAbsent(key, marker, rememberMs)) return 'claimed';
        continue;
      }
      if (remembered.startsWith(FILING)) break;
      // Numbers filed together share an order; the request's memo of reads reads it once.
      const order = await dashboard.getDisconnectOrder(remembered);
      if (order && standsFor(order, national)) return { ok: true, order, filedNow: false };
      if (await store.replaceIf(key, remembered, marker, rememberMs)) return 'claimed';
    }
    return { ok: false, error: outcomeUnknown() };
  };

  const claims = await Promise.all(
    numbers.map((n) => claim(n).catch((error: unknown): OrderForNumber => ({ ok: false, error: upstreamFailure(error) }))),
  );
  const toFile = numbers.filter((_, i) => claims[i] === 'claimed');
  let filed: OrderForNumber | undefined;
  if (toFile.length > 0) {
    try {
      const order = await dashboard.createDisconnectOrder(
        toFile.map((n) => n.national),
        name,
      );
      await Promise.all(toFile.map((n) => store.replaceIf(orderKey(n.e164), marker, order.id, rememberMs)));
      filed = { ok: true, order, filedNow: true };
    } catch (error) {
      // Only an order that certainly was not filed may be filed by a later call.
      if (error instanceof UpstreamError && !error.outcomeUnknown)
        await Promise.all(toFile.map((n) => store.deleteIf(orderKey(n.e164), marker)));
      filed = { ok: false, error: upstreamFailure(error) };
    }
  }
  return claims.map((c) => (c === 'claimed' ? (filed as OrderForNumber) : c));
}

export interface DisconnectOutcome {
  number: string;
  unimported: boolean;
  order: DisconnectOrderRecord | null;
  orderFiledNow: boolean;
  /** Why this number has no order: its un-import or its order failed. */
  error: UpstreamError | null;
}

/**
 * The hybrid delete of seed 002 for several numbers: each is un-imported, then the ones that are out of
 * catapult get their order (one new order for all that need one). Safe to call again at any point.
 */
export async function disconnectNumbers(
  numbers: NumberToDisconnect[],
  name: string | undefined,
  upstreams: { catapult: CatapultClient; dashboard: DashboardClient },
  store: SharedStore,
): Promise<DisconnectOutcome[]> {
  const unimports = await Promise.all(
    numbers.map((n) => unimportNumber(upstreams.catapult, n.e164).catch((error: unknown): UpstreamError => upstreamFailure(error))),
  );
  const ready = numbers.filter((_, i) => !(unimports[i] instanceof UpstreamError));
  const orders = new Map<string, OrderForNumber>();
  if (ready.length > 0) {
    const found = await ensureDisconnectOrders(ready, name, upstreams.dashboard, store);
    for (const [i, n] of ready.entries()) orders.set(n.e164, found[i] as OrderForNumber);
  }
  return numbers.map((n, i) => {
    const unimport = unimports[i] as UnimportOutcome | UpstreamError;
    if (unimport instanceof UpstreamError) return { number: n.e164, unimported: false, order: null, orderFiledNow: false, error: unimport };
    const unimported = unimport.unimportedId !== null;
    const found = orders.get(n.e164) as OrderForNumber;
    if (found.ok) return { number: n.e164, unimported, order: found.order, orderFiledNow: found.filedNow, error: null };
    const error = unimported
      ? (withProgress(found.error, 'the number was un-imported first; calling again files the order', {
          unimported: true,
        }) as UpstreamError)
      : found.error;
    return { number: n.e164, unimported, order: null, orderFiledNow: false, error };
  });
}
