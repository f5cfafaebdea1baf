// Retiring a phone number everywhere: the customer's records in both phone APIs, its live calls,
// the carrier's import and the disconnect order, in that order, so the customer is never left
// pointing at a number that is already disconnected. Progress is remembered, so a call after a
// failure resumes where it stopped, and the disconnect order is filed at most once per number.
import { UpstreamError } from './errors.js';
import { customerPhoneE164, nanpNationalNumber, phoneNumberRecordE164 } from './phone.js';
import type { SharedStore } from './shared-state.js';
import type { UpstreamClients } from './upstreams/index.js';

export const retireSteps = ['CUSTOMER_PHONES', 'PHONE_NUMBERS', 'LIVE_CALLS', 'CARRIER_UNIMPORT', 'DISCONNECT_ORDER'] as const;
export type RetireStepName = (typeof retireSteps)[number];
export type RetireStepStatus = 'DONE' | 'SKIPPED' | 'FAILED' | 'NOT_RUN';

export interface RetireStepResult {
  name: RetireStepName;
  status: RetireStepStatus;
  reason: string | null;
  errorCode: string | null;
  upstream: string | null;
  /** What the step removed or ended: phone keys, phone number ids, call ids, the carrier number-id. */
  removedIds: string[];
  /** PHONE_NUMBERS: whether a removed record was the customer's primary number. */
  wasPrimary: boolean | null;
  /** DISCONNECT_ORDER: the order filed (now or by an earlier call). */
  orderId: string | null;
}

type Outcome = Partial<Omit<RetireStepResult, 'name' | 'status'>> & { status: 'DONE' | 'SKIPPED' };

const week = 7 * 24 * 60 * 60 * 1000;
const FILING = 'filing';

const skipped = (reason: string): Outcome => ({ status: 'SKIPPED', reason });

/** Reads a list, taking "the customer is unknown there" as "the number is not there". */
async function unlessUnknown<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof UpstreamError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export interface RetireRequest {
  customerId: string;
  /** E.164. */
  number: string;
  extension: string | undefined;
}

export async function retirePhoneNumber(request: RetireRequest, upstreams: UpstreamClients, store: SharedStore): Promise<RetireStepResult[]> {
  const { customerId, number, extension } = request;
  const national = nanpNationalNumber(number);
  const progressKey = `retire:${customerId}:${number}`;
  const orderKey = `disconnect-order:${number}`;
  const done = new Set<RetireStepName>(JSON.parse((await store.get(progressKey)) ?? '[]') as RetireStepName[]);

  const run: Record<RetireStepName, () => Promise<Outcome>> = {
    CUSTOMER_PHONES: async () => {
      const list = await unlessUnknown(() => upstreams.customerPhones.list(customerId));
      const keys = list?.phones.filter((p) => customerPhoneE164(p) === number).map((p) => p.key) ?? [];
      if (!list || keys.length === 0) return skipped('not present in the Customer Phones API');
      // The version read just before: if someone changes the list in between, this is a CONFLICT, not a surprise.
      await upstreams.customerPhones.deletePhones(customerId, keys, list.version);
      return { status: 'DONE', removedIds: keys };
    },
    PHONE_NUMBERS: async () => {
      const list = await unlessUnknown(() => upstreams.phoneNumbers.list(customerId));
      const matches = list?.filter((p) => phoneNumberRecordE164(p) === number) ?? [];
      if (matches.length === 0) return skipped('not present in the Phone Number API');
      for (const match of matches) await upstreams.phoneNumbers.remove(customerId, match.id);
      return { status: 'DONE', removedIds: matches.map((m) => m.id), wasPrimary: matches.some((m) => m.isPrimary) };
    },
    LIVE_CALLS: async () => {
      if (!extension) return skipped('no extension given');
      const ids = await upstreams.uapi.hangUp('@me', extension, { phoneNumber: number });
      return ids.length > 0 ? { status: 'DONE', removedIds: ids } : skipped('no live call involves the number');
    },
    CARRIER_UNIMPORT: async () => {
      if (!national) return skipped('not a NANP number: Bandwidth holds only +1 numbers');
      const record = await upstreams.catapult.findNumber(number);
      if (!record) return skipped('not imported at Voice & Messaging');
      await upstreams.catapult.unimport(record.id);
      return { status: 'DONE', removedIds: [record.id] };
    },
    DISCONNECT_ORDER: async () => {
      if (!national) return skipped('not a NANP number: Bandwidth holds only +1 numbers');
      if (!(await store.setIfAbsent(orderKey, FILING, week))) {
        const filed = await store.get(orderKey);
        if (filed && filed !== FILING) return { status: 'SKIPPED', reason: 'already filed for this number', orderId: filed };
        throw new UpstreamError(
          'UPSTREAM_TIMEOUT',
          'dashboard',
          'a disconnect order for this number was sent and its outcome is unknown; check the Dashboard before filing it again',
          { outcomeUnknown: true },
        );
      }
      try {
        const order = await upstreams.dashboard.createDisconnectOrder([national], `Retire ${number}`);
        await store.set(orderKey, order.id, week);
        return { status: 'DONE', orderId: order.id };
      } catch (error) {
        // Only an order that certainly was not filed may be filed again by a later call.
        if (!(error instanceof UpstreamError && error.outcomeUnknown)) await store.delete(orderKey);
        throw error;
      }
    },
  };

  const results: RetireStepResult[] = [];
  let failed = false;
  for (const name of retireSteps) {
    const base = { name, reason: null, errorCode: null, upstream: null, removedIds: [], wasPrimary: null, orderId: null };
    if (failed) {
      results.push({ ...base, status: 'NOT_RUN', reason: 'an earlier step failed' });
      continue;
    }
    if (done.has(name)) {
      const orderId = name === 'DISCONNECT_ORDER' ? await store.get(orderKey) : null;
      results.push({ ...base, status: 'SKIPPED', reason: 'already done by an earlier call', orderId: orderId === FILING ? null : orderId });
      continue;
    }
    try {
      const outcome = await run[name]();
      results.push({ ...base, ...outcome });
      done.add(name);
      await store.set(progressKey, JSON.stringify([...done]), week);
    } catch (error) {
      failed = true;
      const known = error instanceof UpstreamError ? error : undefined;
      results.push({
        ...base,
        status: 'FAILED',
        reason: known?.message ?? 'unexpected failure',
        errorCode: known?.code ?? 'INTERNAL_SERVER_ERROR',
        upstream: known?.upstream ?? null,
      });
    }
  }
  return results;
}
