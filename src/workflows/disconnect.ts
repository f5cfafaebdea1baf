// Taking a number out of Bandwidth, the one workflow behind disconnectNumber and retirePhoneNumber:
// un-import it at Voice & Messaging, then make sure exactly one disconnect order stands for it at the
// Dashboard. Memory (in-process, or Redis shared by every instance) only says which order was filed;
// whether it still stands is read from the Dashboard on every call.
import { randomUUID } from 'node:crypto';
import { UpstreamError, withProgress } from '../errors.js';
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
  if (!record) return { unimportedId: null, reason: 'not imported at Voice & Messaging' };
  try {
    await catapult.unimport(record.id);
  } catch (error) {
    if (error instanceof UpstreamError && error.code === 'NOT_FOUND') return { unimportedId: null, reason: 'un-imported by someone else meanwhile' };
    throw error;
  }
  return { unimportedId: record.id, reason: null };
}

export interface OrderOutcome {
  order: DisconnectOrderRecord;
  /** True when this call filed it; false when it is an earlier call's order, as the Dashboard has it now. */
  filedNow: boolean;
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

export interface OrderRequest {
  /** E.164, the key the order is remembered by. */
  e164: string;
  /** The 10-digit national number the Dashboard wants. */
  national: string;
  name?: string | undefined;
}

/**
 * The disconnect order for a number, filed at most once per intent across calls and instances: the
 * remembered order is re-read and returned while the Dashboard has it and it stands; a new one is
 * filed only when none was, the Dashboard does not know it (404), or it failed. A marker set before
 * the POST makes a concurrent or unknown-outcome filing block every other one.
 */
export async function ensureDisconnectOrder(request: OrderRequest, dashboard: DashboardClient, store: SharedStore): Promise<OrderOutcome> {
  const key = orderKey(request.e164);
  const file = async (marker: string): Promise<OrderOutcome> => {
    let order: DisconnectOrderRecord;
    try {
      order = await dashboard.createDisconnectOrder([request.national], request.name);
    } catch (error) {
      // Only an order that certainly was not filed may be filed by a later call.
      if (!(error instanceof UpstreamError && error.outcomeUnknown)) await store.deleteIf(key, marker);
      throw error;
    }
    await store.replaceIf(key, marker, order.id, rememberMs);
    return { order, filedNow: true };
  };

  // Another call may change the marker between our read and our write: read again, a few times at most.
  for (let attempt = 0; attempt < 3; attempt++) {
    const remembered = await store.get(key);
    const marker = `${FILING}${randomUUID()}`;
    if (remembered === null) {
      if (await store.setIfAbsent(key, marker, rememberMs)) return file(marker);
      continue;
    }
    if (remembered.startsWith(FILING)) throw outcomeUnknown();
    const order = await dashboard.getDisconnectOrder(remembered);
    if (order && standsFor(order, request.national)) return { order, filedNow: false };
    if (await store.replaceIf(key, remembered, marker, rememberMs)) return file(marker);
  }
  throw outcomeUnknown();
}

export interface DisconnectOutcome {
  number: string;
  unimported: boolean;
  order: DisconnectOrderRecord;
  orderFiledNow: boolean;
}

/** The hybrid delete of seed 002 as one call: un-import, then the order. Safe to call again at any point. */
export async function disconnectNumber(
  request: OrderRequest,
  upstreams: { catapult: CatapultClient; dashboard: DashboardClient },
  store: SharedStore,
): Promise<DisconnectOutcome> {
  const { unimportedId } = await unimportNumber(upstreams.catapult, request.e164);
  try {
    const { order, filedNow } = await ensureDisconnectOrder(request, upstreams.dashboard, store);
    return { number: request.e164, unimported: unimportedId !== null, order, orderFiledNow: filedNow };
  } catch (error) {
    throw unimportedId ? withProgress(error, 'the number was un-imported first; calling again files the order', { unimported: true }) : error;
  }
}
