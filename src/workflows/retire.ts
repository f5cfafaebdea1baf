// Retiring a phone number everywhere: the customer's records in both phone APIs, its live calls,
// the carrier's import and the disconnect order, in that order, so the customer is never left
// pointing at a number that is already disconnected. Every step reads its upstream during the call
// and acts on what it reads, so calling again after a failure (or after the number came back)
// does exactly what is still needed; only the disconnect order is remembered, to file it once.
import { GraphQLError } from 'graphql';
import { nullWhenNotFound, UpstreamError } from '../errors.js';
import { callPartyForms, customerPhoneE164, nanpNationalNumber, phoneNumberRecordE164 } from '../phone.js';
import type { DisconnectOrderRecord } from '../upstreams/dashboard/client.js';
import type { UpstreamClients } from '../upstreams/index.js';
import type { PhoneCallRecord } from '../upstreams/uapi/client.js';
import { isCallParty, isUuid } from '../validation.js';
import { ensureDisconnectOrders, unimportNumber } from './disconnect.js';
import type { OrderBook } from './order-book.js';

export const retireSteps = ['CUSTOMER_PHONES', 'PHONE_NUMBERS', 'LIVE_CALLS', 'CARRIER_UNIMPORT', 'DISCONNECT_ORDER'] as const;
type RetireStepName = (typeof retireSteps)[number];
type RetireStepStatus = 'DONE' | 'SKIPPED' | 'FAILED' | 'NOT_RUN';

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
  /** DISCONNECT_ORDER: the order standing for the number, as the Dashboard answered during this call. */
  order: DisconnectOrderRecord | null;
  /** FAILED: the step's write was sent and may have been applied. */
  outcomeUnknown: boolean;
}

export interface RetireOutcome {
  steps: RetireStepResult[];
  /**
   * Read during this call: neither phone API holds the number, no live call on the extension involves
   * it, it is not imported, and (for a NANP number) an order that has not FAILED stands for it.
   */
  complete: boolean;
}

type Outcome = Partial<Omit<RetireStepResult, 'name' | 'status'>> & { status: 'DONE' | 'SKIPPED' };

const skipped = (reason: string): Outcome => ({ status: 'SKIPPED', reason });

/** A step's reason, plus the records it could not compare because their number does not parse. */
function noting(reason: string, unreadable: string[]): string {
  return unreadable.length === 0
    ? reason
    : `${reason}; ${unreadable.length} record(s) hold a number that does not parse and were left alone: ${unreadable.join(', ')}`;
}
const notNanp = 'not a NANP number: Bandwidth holds only +1 numbers';

export interface RetireRequest {
  customerId: string;
  /** E.164. */
  number: string;
  extension: string | undefined;
}

export async function retirePhoneNumber(request: RetireRequest, upstreams: UpstreamClients, book: OrderBook): Promise<RetireOutcome> {
  const { customerId, number, extension } = request;
  const national = nanpNationalNumber(number);

  /** Hangs up one listed call, naming its party as the UAPI holds it; a call that ended meanwhile hangs up nothing. */
  const hangUpCall = async (listed: string, call: PhoneCallRecord): Promise<string[]> => {
    const phoneNumber = call.phoneNumber && isCallParty(call.phoneNumber) ? call.phoneNumber : undefined;
    try {
      return (await upstreams.uapi.hangUp('@me', listed, { phoneCallId: call.id, phoneNumber })).map((c) => c.id);
    } catch (error) {
      if (error instanceof UpstreamError && error.upstreamCode === 'pc_phoncall_invalid') return [];
      throw error;
    }
  };

  const run: Record<RetireStepName, () => Promise<Outcome>> = {
    CUSTOMER_PHONES: async () => {
      if (!isUuid(customerId)) return skipped('not present in the Customer Phones API: it knows customers by UUID only');
      // An unknown customer there holds no number there.
      const list = await nullWhenNotFound(() => upstreams.customerPhones.list(customerId));
      const phones = list?.phones ?? [];
      const keys = phones.filter((p) => customerPhoneE164(p) === number).map((p) => p.key);
      const unreadable = phones.filter((p) => customerPhoneE164(p) === null).map((p) => p.key);
      if (!list || keys.length === 0) return skipped(noting('not present in the Customer Phones API', unreadable));
      // The version read just before: if someone changes the list in between, this is a CONFLICT, not a surprise.
      await upstreams.customerPhones.deletePhones(customerId, keys, list.version);
      return { status: 'DONE', removedIds: keys, reason: unreadable.length > 0 ? noting('removed', unreadable) : null };
    },
    PHONE_NUMBERS: async () => {
      const list = (await nullWhenNotFound(() => upstreams.phoneNumbers.list(customerId))) ?? [];
      const matches = list.filter((p) => phoneNumberRecordE164(p) === number);
      const unreadable = list.filter((p) => phoneNumberRecordE164(p) === null).map((p) => p.id);
      if (matches.length === 0) return skipped(noting('not present in the Phone Number API', unreadable));
      const removed = [];
      for (const match of matches) {
        // A record someone else deleted between our read and our delete is gone, as wanted.
        if (await nullWhenNotFound(() => upstreams.phoneNumbers.remove(customerId, match.id).then(() => true))) removed.push(match);
      }
      if (removed.length === 0) return skipped('removed by someone else meanwhile');
      return {
        status: 'DONE',
        removedIds: removed.map((m) => m.id),
        wasPrimary: removed.some((m) => m.isPrimary),
        reason: unreadable.length > 0 ? noting('removed', unreadable) : null,
      };
    },
    LIVE_CALLS: async () => {
      if (!extension) return skipped('no extension given');
      // The UAPI may hold the party as E.164, or as national digits with or without the country code.
      const forms = callPartyForms(number);
      const calls = await upstreams.uapi.listCalls('@me', extension);
      const involved = calls.filter((c) => c.phoneNumber != null && forms.has(c.phoneNumber.replace(/[\s().-]/g, '')));
      if (involved.length === 0) return skipped('no live call involves the number');
      const ids: string[] = [];
      for (const call of involved) ids.push(...(await hangUpCall(extension, call)));
      return ids.length > 0 ? { status: 'DONE', removedIds: ids } : skipped('the calls that involved the number ended meanwhile');
    },
    CARRIER_UNIMPORT: async () => {
      if (!national) return skipped(notNanp);
      const { unimportedId, reason } = await unimportNumber(upstreams.catapult, number);
      return unimportedId ? { status: 'DONE', removedIds: [unimportedId] } : skipped(reason ?? 'not imported');
    },
    DISCONNECT_ORDER: async () => {
      if (!national) return skipped(notNanp);
      const [found] = await ensureDisconnectOrders([{ e164: number, national }], `Retire ${number}`, upstreams.dashboard, book);
      if (!found?.ok) throw found?.error;
      const { order, filedNow } = found;
      return filedNow
        ? { status: 'DONE', order }
        : { status: 'SKIPPED', reason: `filed by an earlier call; the Dashboard has it as ${order.status}`, order };
    },
  };

  const steps: RetireStepResult[] = [];
  let failed = false;
  for (const name of retireSteps) {
    const base = {
      name,
      reason: null,
      errorCode: null,
      upstream: null,
      removedIds: [],
      wasPrimary: null,
      order: null,
      outcomeUnknown: false,
    };
    if (failed) {
      steps.push({ ...base, status: 'NOT_RUN', reason: 'an earlier step failed' });
      continue;
    }
    try {
      steps.push({ ...base, ...(await run[name]()) });
    } catch (error) {
      failed = true;
      // A typed error (an upstream's, or a limit's) is told as it is; anything else is a bug and says no more.
      const known = error instanceof GraphQLError && typeof error.extensions.code === 'string' ? error : undefined;
      steps.push({
        ...base,
        status: 'FAILED',
        reason: known?.message ?? 'unexpected failure',
        errorCode: (known?.extensions.code as string | undefined) ?? 'INTERNAL_SERVER_ERROR',
        upstream: error instanceof UpstreamError ? error.upstream : null,
        outcomeUnknown: error instanceof UpstreamError && error.outcomeUnknown,
      });
    }
  }
  const order = steps.at(-1)?.order;
  const complete = !failed && (national === null || (order != null && order.status !== 'FAILED'));
  return { steps, complete };
}
