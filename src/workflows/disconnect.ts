// Taking a number out of Bandwidth, the one workflow behind disconnectNumber and retirePhoneNumber:
// un-import it at catapult, then make sure exactly one disconnect order stands for it at the
// Dashboard. The order book (in-process, or Redis shared by every instance) only says which order was
// filed; whether it still stands is read from the Dashboard on every call.
import { BadUserInputError, nullWhenNotFound, UpstreamError, withProgress } from '../errors.js';
import { nanpToE164 } from '../phone.js';
import type { CatapultClient } from '../upstreams/catapult/client.js';
import type { DashboardClient, DisconnectOrderRecord } from '../upstreams/dashboard/client.js';
import { OrderBook, type OrderEntry } from './order-book.js';

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

/**
 * An order stands for a number while it lists it and has neither failed nor ended without disconnecting
 * it. An answer that lists no numbers at all cannot say: the order is taken to stand, so nothing is filed twice.
 */
function standsFor(order: DisconnectOrderRecord, national: string): boolean {
  if (order.status === 'FAILED') return false;
  if (order.numbers.length > 0 && !order.numbers.includes(national)) return false;
  return order.status !== 'PARTIAL' || order.disconnectedNumbers.includes(national);
}

const settleHint = 'an operator settles it with settleDisconnectOrder once the Dashboard shows whether it was filed';

/** Why no order is filed for this number now: its last filing's outcome is unknown, or another call is filing it. */
function blocked(kind: Exclude<OrderEntry['kind'], 'order'>): UpstreamError {
  const message =
    kind === 'filing'
      ? 'another call is filing a disconnect order for this number right now and its outcome is not known yet; it is not sent twice'
      : `a disconnect order for this number was sent and its outcome is unknown; it is not sent again: ${settleHint} (pendingDisconnectOrders lists it)`;
  return new UpstreamError('UPSTREAM_TIMEOUT', 'dashboard', message, { outcomeUnknown: true });
}

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
 * set before the POST makes a concurrent filing wait its turn, and a filing whose outcome is unknown
 * blocks every later one until an operator settles it.
 */
export async function ensureDisconnectOrders(
  numbers: NumberToDisconnect[],
  name: string | undefined,
  dashboard: DashboardClient,
  book: OrderBook,
): Promise<OrderForNumber[]> {
  const marker = OrderBook.marker();

  /** The order standing for the number, or 'claimed' when this call holds its marker and must file. */
  const claim = async ({ e164, national }: NumberToDisconnect): Promise<OrderForNumber | 'claimed'> => {
    // Another call may change the entry between our read and our write: read again, a few times at most.
    for (let attempt = 0; attempt < 3; attempt++) {
      const entry = await book.read(e164);
      if (entry && entry.kind !== 'order') return { ok: false, error: blocked(entry.kind) };
      if (entry) {
        // Numbers filed together share an order; the request's memo of reads reads it once.
        const order = await dashboard.getDisconnectOrder(entry.orderId);
        if (order && standsFor(order, national)) return { ok: true, order, filedNow: false };
      }
      if (await book.claim(e164, entry, marker)) return 'claimed';
    }
    return { ok: false, error: blocked('filing') };
  };

  const claims = await Promise.all(
    numbers.map((n) => claim(n).catch((error: unknown): OrderForNumber => ({ ok: false, error: upstreamFailure(error) }))),
  );
  const toFile = numbers.filter((_, i) => claims[i] === 'claimed');
  const filed = toFile.length > 0 ? await file(toFile, marker, name, dashboard, book) : new Map<string, OrderForNumber>();
  return claims.map((c, i) => (c === 'claimed' ? (filed.get((numbers[i] as NumberToDisconnect).e164) as OrderForNumber) : c));
}

/**
 * Files one order for the claimed numbers, and settles each number's entry by what the Dashboard says the
 * order holds. An answer that does not list a number (seed 002's own sample answers another number's order)
 * is read again: an order stands for a number only while it lists it. Listed: its order. Not listed in the
 * order as read again: no order stands for it, and a later call may file one. Not read again, or read with no
 * list at all: nobody can tell, so it waits for an operator.
 */
async function file(
  toFile: NumberToDisconnect[],
  marker: string,
  name: string | undefined,
  dashboard: DashboardClient,
  book: OrderBook,
): Promise<Map<string, OrderForNumber>> {
  const results = new Map<string, OrderForNumber>();
  let order: DisconnectOrderRecord;
  try {
    order = await dashboard.createDisconnectOrder(
      toFile.map((n) => n.national),
      name,
    );
  } catch (error) {
    // Only an order that certainly was not filed may be filed by a later call; anything else waits for an operator.
    const unknown = error instanceof UpstreamError && error.outcomeUnknown;
    await Promise.all(toFile.map((n) => (unknown ? book.outcomeUnknown(n.e164, marker) : book.release(n.e164, marker))));
    for (const n of toFile) results.set(n.e164, { ok: false, error: upstreamFailure(error) });
    return results;
  }
  if (order.name) await book.rememberName(order.id, order.name);
  // Only the order read again says for certain that a number is not in it; without that read, nobody can tell.
  let confirmed = true;
  if (toFile.some((n) => !order.numbers.includes(n.national))) {
    const reread = await dashboard.getDisconnectOrder(order.id).catch(() => null);
    if (reread) order = { ...reread, name: reread.name ?? order.name };
    confirmed = reread !== null && reread.numbers.length > 0;
  }
  await Promise.all(
    toFile.map(async (n) => {
      if (order.numbers.includes(n.national)) {
        await book.filed(n.e164, marker, order.id);
        results.set(n.e164, { ok: true, order, filedNow: true });
      } else if (!confirmed) {
        await book.outcomeUnknown(n.e164, marker);
        const message = `dashboard answered with order ${order.id}, which it could not show listing ${n.e164}; whether an order stands for it is unknown: ${settleHint}`;
        results.set(n.e164, {
          ok: false,
          error: new UpstreamError('UPSTREAM_BAD_RESPONSE', 'dashboard', message, { outcomeUnknown: true }),
        });
      } else {
        await book.release(n.e164, marker);
        const message = `dashboard answered with order ${order.id}, which lists ${order.numbers.map(nanpToE164).join(', ')} and not ${n.e164}: no order stands for it, and calling again files one`;
        results.set(n.e164, { ok: false, error: new UpstreamError('UPSTREAM_BAD_RESPONSE', 'dashboard', message) });
      }
    }),
  );
  return results;
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
  book: OrderBook,
): Promise<DisconnectOutcome[]> {
  const unimports = await Promise.all(
    numbers.map((n) => unimportNumber(upstreams.catapult, n.e164).catch((error: unknown): UpstreamError => upstreamFailure(error))),
  );
  const ready = numbers.filter((_, i) => !(unimports[i] instanceof UpstreamError));
  const orders = new Map<string, OrderForNumber>();
  if (ready.length > 0) {
    const found = await ensureDisconnectOrders(ready, name, upstreams.dashboard, book);
    for (const [i, n] of ready.entries()) orders.set(n.e164, found[i] as OrderForNumber);
  }
  return numbers.map((n, i) => {
    const unimport = unimports[i] as UnimportOutcome | UpstreamError;
    if (unimport instanceof UpstreamError) return { number: n.e164, unimported: false, order: null, orderFiledNow: false, error: unimport };
    const unimported = unimport.unimportedId !== null;
    const found = orders.get(n.e164) as OrderForNumber;
    if (found.ok) return { number: n.e164, unimported, order: found.order, orderFiledNow: found.filedNow, error: null };
    const next = found.error.outcomeUnknown ? 'its order is not sent again' : 'calling again files the order';
    const error = unimported
      ? (withProgress(found.error, `the number was un-imported first; ${next}`, { unimported: true }) as UpstreamError)
      : found.error;
    return { number: n.e164, unimported, order: null, orderFiledNow: false, error };
  });
}

/**
 * An operator's word on a number whose order's outcome is unknown, after looking at the Dashboard: the
 * order it shows (re-read now, and refused unless it lists the number), or none (the next call may file).
 * Saying the same again is answered as the first time. Returns the order, or null for none.
 */
export async function settleDisconnectOrder(
  { e164, national }: NumberToDisconnect,
  orderId: string | null,
  dashboard: DashboardClient,
  book: OrderBook,
): Promise<DisconnectOrderRecord | null> {
  const entry = await book.read(e164);
  const repeated = orderId === null ? entry === null : entry?.kind === 'order' && entry.orderId === orderId;
  if (!repeated && entry?.kind !== 'unknown') {
    const why =
      entry === null
        ? 'has no disconnect order whose outcome is unknown'
        : entry.kind === 'filing'
          ? 'is being filed by a call right now: settle it once that call has answered'
          : `has no unknown outcome to settle: order ${entry.orderId} stands for it`;
    throw new BadUserInputError('number', why);
  }
  let order: DisconnectOrderRecord | null = null;
  if (orderId !== null) {
    order = await dashboard.getDisconnectOrder(orderId);
    if (!order) throw new UpstreamError('NOT_FOUND', 'dashboard', `dashboard does not know disconnect order ${orderId}`, { status: 404 });
    if (!order.numbers.includes(national)) throw new BadUserInputError('orderId', `names order ${orderId}, which does not list ${e164}`);
  }
  if (!repeated && !(await book.settle(e164, entry as OrderEntry, orderId))) {
    throw new BadUserInputError('number', 'changed while it was being settled: read pendingDisconnectOrders again');
  }
  return order;
}
