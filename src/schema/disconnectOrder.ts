// Bandwidth's disconnect orders in the graph: read one, follow one to its final status, and the
// hybrid delete (un-import at catapult, then a disconnect order at the Dashboard).
import { builder, type Types } from '../builder.js';
import { eachKey, requestLoader } from '../loaders.js';
import { nanpNationalNumber, nanpToE164 } from '../phone.js';
import { invalidateCached } from '../response-cache.js';
import { type DisconnectOrderRecord, orderStatuses } from '../upstreams/dashboard/client.js';
import { id, limits, list, nanpPhone, text } from '../validation.js';
import { type DisconnectOutcome, disconnectNumbers, type NumberToDisconnect, settleDisconnectOrder } from '../workflows/disconnect.js';
import type { PendingOrder } from '../workflows/order-book.js';
import { toDateTime } from './dates.js';

const ordersById = requestLoader<string, DisconnectOrderRecord | null>(
  eachKey((id, ctx) => ctx.upstreams.dashboard.getDisconnectOrder(id)),
);

const DisconnectOrderStatus = builder.enumType('DisconnectOrderStatus', {
  description: 'An order moves forward only; COMPLETE, PARTIAL and FAILED are final.',
  values: orderStatuses,
});

export const DisconnectOrder = builder.objectRef<DisconnectOrderRecord>('DisconnectOrder').implement({
  description: 'A disconnect order at the Bandwidth Dashboard; it completes asynchronously.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The order id (from the Location the Dashboard answered with).' }),
    status: t.field({ type: DisconnectOrderStatus, resolve: (o) => o.status }),
    numbers: t.stringList({ description: 'The numbers ordered, in E.164.', resolve: (o) => o.numbers.map(nanpToE164) }),
    disconnectedNumbers: t.stringList({
      description: 'The numbers disconnected so far, in E.164.',
      resolve: (o) => o.disconnectedNumbers.map(nanpToE164),
    }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (o) => toDateTime(o.createdAt) }),
    name: t.string({
      nullable: true,
      description: "The name the order was filed with: the Dashboard's, or the one the gateway sent when the Dashboard does not repeat it.",
      resolve: (o, _, ctx) => o.name ?? ctx.services.orderBook.nameOf(o.id),
    }),
    disconnectMode: t.exposeString('disconnectMode', { nullable: true, description: "The Dashboard's DisconnectMode, e.g. normal." }),
  }),
});

const orderId = () => id({ max: 100, pattern: /^[A-Za-z0-9._-]+$/, description: 'a disconnect order id' });

builder.queryField('disconnectOrder', (t) =>
  t.field({
    type: DisconnectOrder,
    nullable: true,
    authScopes: { 'numbers:read': true },
    description: 'A disconnect order as the Dashboard has it now; null when it does not know the id.',
    args: { id: t.arg.id({ required: true, validate: orderId() }) },
    resolve: (_, args, ctx) => ordersById(ctx).load(args.id),
  }),
);

builder.subscriptionField('disconnectOrder', (t) =>
  t.field({
    type: DisconnectOrder,
    description:
      'The order now, then every change until a final status. Changes are learned from Bandwidth callbacks, and by polling the Dashboard when none come.',
    args: { id: t.arg.id({ required: true, validate: orderId() }) },
    nullable: true,
    authScopes: { 'numbers:read': true },
    subscribe: (_, args, ctx) => ctx.services.orders.watch(args.id, ctx.upstreams.dashboard),
    resolve: (order) => order,
  }),
);

/** What disconnectNumber's payload and each of disconnectNumbers' results say of a number, each type in its own words. */
function outcomeFields(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, DisconnectOutcome>,
  words: { unimported: string; order?: string; orderFiledNow: string },
) {
  return {
    number: t.exposeString('number', { description: 'The number, in E.164.' }),
    unimported: t.exposeBoolean('unimported', { description: words.unimported }),
    order: t.field({
      type: DisconnectOrder,
      nullable: true,
      ...(words.order ? { description: words.order } : {}),
      resolve: (p) => p.order,
    }),
    orderFiledNow: t.exposeBoolean('orderFiledNow', { description: words.orderFiledNow }),
  };
}

const DisconnectNumberPayload = builder.objectRef<DisconnectOutcome>('DisconnectNumberPayload').implement({
  description: 'What disconnectNumber did: the un-import, and the disconnect order that stands for the number.',
  fields: (t) =>
    outcomeFields(t, {
      unimported:
        'True when this call un-imported it; false when it was not (or no longer) imported at catapult (Bandwidth Voice & Messaging).',
      orderFiledNow:
        'True when this call filed the order; false when it is the order an earlier call filed for the number (of any disconnect mutation or retirePhoneNumber, on any instance), as the Dashboard has it now.',
    }),
});

const DisconnectNumberResult = builder.objectRef<DisconnectOutcome>('DisconnectNumberResult').implement({
  description: 'What disconnectNumbers did for one number: as DisconnectNumberPayload, or why the number has no order.',
  fields: (t) => ({
    ...outcomeFields(t, {
      unimported: 'True when this call un-imported it.',
      order: 'The order standing for the number; null when errorCode is set.',
      orderFiledNow: 'True when this call filed the order.',
    }),
    errorCode: t.string({
      nullable: true,
      description: 'When the number has no order: the error code, as in GraphQL errors.',
      resolve: (p) => p.error?.code ?? null,
    }),
    upstream: t.string({
      nullable: true,
      description: 'When the number has no order: the upstream that failed.',
      resolve: (p) => p.error?.upstream ?? null,
    }),
    reason: t.string({
      nullable: true,
      description: 'When the number has no order: what happened.',
      resolve: (p) => p.error?.message ?? null,
    }),
    outcomeUnknown: t.boolean({
      description:
        'True when a write for this number was sent and may have been applied; its disconnect order is not sent again until an operator settles it (settleDisconnectOrder).',
      resolve: (p) => p.error?.outcomeUnknown ?? false,
    }),
  }),
});

const orderName = () => text({ max: 100 });

/** NANP numbers in E.164 (the argument rule made them so) with their 10-digit national form, as the Dashboard wants them. */
const toDisconnect = (e164: string): NumberToDisconnect => ({ e164, national: nanpNationalNumber(e164) as string });

builder.mutationFields((t) => ({
  disconnectNumber: t.field({
    type: DisconnectNumberPayload,
    nullable: true,
    authScopes: { 'numbers:disconnect': true },
    description:
      'Takes a NANP number out of Bandwidth: un-imports it at catapult (Bandwidth Voice & Messaging), then files a disconnect order at the Dashboard. At most one order per number: a later call (or retirePhoneNumber) returns the order already filed while the Dashboard has it and it has not FAILED. Safe to call again after a failure; an order whose outcome is unknown is never re-sent.',
    args: {
      number: t.arg.string({
        required: true,
        description: 'Any common format, e.g. +1 828 333 4444 or (828) 333-4444.',
        validate: nanpPhone(),
      }),
      name: t.arg.string({
        description: "The order's name at the Dashboard (seed 002's <name>, e.g. Delete Number).",
        validate: orderName(),
      }),
    },
    resolve: async (_, args, ctx) => {
      const [outcome] = await disconnectNumbers([toDisconnect(args.number)], args.name ?? undefined, ctx.upstreams, ctx.services.orderBook);
      await invalidateCached(ctx.services.responseCache, ['CarrierNumber']);
      if (!outcome || outcome.error) throw outcome?.error;
      return outcome;
    },
  }),
  disconnectNumbers: t.field({
    type: [DisconnectNumberResult],
    nullable: true,
    authScopes: { 'numbers:disconnect': true },
    description: `disconnectNumber for several NANP numbers (at most ${limits.keys}): each is un-imported, and those with no order standing for them go into one new disconnect order. Still at most one order per number. A number that fails says why in its result; the others go on.`,
    args: {
      numbers: t.arg.stringList({
        required: true,
        description: 'Any common format; repeats are taken once.',
        validate: list(nanpPhone(), limits.keys),
      }),
      name: t.arg.string({ description: "The new order's name at the Dashboard.", validate: orderName() }),
    },
    resolve: async (_, args, ctx) => {
      // The rule took repeats once, by their E.164.
      const outcomes = await disconnectNumbers(
        args.numbers.map(toDisconnect),
        args.name ?? undefined,
        ctx.upstreams,
        ctx.services.orderBook,
      );
      await invalidateCached(ctx.services.responseCache, ['CarrierNumber']);
      return outcomes;
    },
  }),
}));

const PendingDisconnectOrder = builder.objectRef<PendingOrder>('PendingDisconnectOrder').implement({
  description:
    'A number whose disconnect order was sent with an unknown outcome: no order is filed for it again until an operator settles it with settleDisconnectOrder.',
  fields: (t) => ({
    number: t.exposeString('number', { description: 'The number, in E.164.' }),
    since: t.field({ type: 'DateTime', description: 'When the outcome became unknown.', resolve: (p) => p.since }),
    reason: t.exposeString('reason', { description: 'What the gateway could not know.' }),
  }),
});

builder.queryField('pendingDisconnectOrders', (t) =>
  t.field({
    type: [PendingDisconnectOrder],
    authScopes: { operator: true },
    description: 'The numbers waiting for an operator to settle a disconnect order whose outcome is unknown, oldest first.',
    resolve: (_, __, ctx) => ctx.services.orderBook.pending(),
  }),
);

const SettleDisconnectOrderPayload = builder
  .objectRef<{ number: string; order: DisconnectOrderRecord | null }>('SettleDisconnectOrderPayload')
  .implement({
    description: 'What the number now has: the order the operator named, as the Dashboard has it now, or none.',
    fields: (t) => ({
      number: t.exposeString('number', { description: 'The number, in E.164.' }),
      order: t.field({
        type: DisconnectOrder,
        nullable: true,
        description: 'The order that stands for the number; null when none was filed (the next disconnect files one).',
        resolve: (p) => p.order,
      }),
    }),
  });

builder.mutationField('settleDisconnectOrder', (t) =>
  t.field({
    type: SettleDisconnectOrderPayload,
    nullable: true,
    authScopes: { operator: true },
    description:
      'Settles a disconnect order whose outcome is unknown (see pendingDisconnectOrders), after looking at the Dashboard: orderId is the order it shows for the number (re-read now, and refused unless it lists the number), or null when none was filed, so that the next disconnectNumber or retirePhoneNumber files one. Saying the same again is answered the same.',
    args: {
      number: t.arg.string({ required: true, description: 'Any common format.', validate: nanpPhone() }),
      orderId: t.arg.id({ description: 'The order the Dashboard shows for the number; null: none was filed.', validate: orderId() }),
    },
    resolve: async (_, args, ctx) => {
      const number = toDisconnect(args.number);
      const settledOrderId = args.orderId ?? null;
      const order = await settleDisconnectOrder(number, settledOrderId, ctx.upstreams.dashboard, ctx.services.orderBook);
      return { number: number.e164, order };
    },
  }),
);
