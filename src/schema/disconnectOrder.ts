// Bandwidth's disconnect orders in the graph: read one, follow one to its final status, and the
// hybrid delete (un-import at Voice & Messaging, then a disconnect order at the Dashboard).
import { builder } from '../builder.js';
import { BadUserInputError } from '../errors.js';
import { eachKey, requestLoader } from '../loaders.js';
import { nanpNationalNumber, nanpToE164 } from '../phone.js';
import { orderStatuses, type DisconnectOrderRecord } from '../upstreams/dashboard/client.js';
import { phoneArgument, textArgument } from '../validation.js';
import { disconnectNumber, type DisconnectOutcome } from '../workflows/disconnect.js';
import { carrierByE164 } from './carrier.js';
import { toDateTime } from './dates.js';

export const ordersById = requestLoader<string, DisconnectOrderRecord | null>(
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
    disconnectedNumbers: t.stringList({ description: 'The numbers disconnected so far, in E.164.', resolve: (o) => o.disconnectedNumbers.map(nanpToE164) }),
    createdAt: t.field({ type: 'DateTime', nullable: true, resolve: (o) => toDateTime(o.createdAt) }),
  }),
});

const orderIdArgument = (value: string) =>
  textArgument('id', value, { max: 100, pattern: /^[A-Za-z0-9._-]+$/, description: 'a disconnect order id' });

builder.queryField('disconnectOrder', (t) =>
  t.field({
    type: DisconnectOrder,
    nullable: true,
    authScopes: { 'numbers:read': true },
    description: 'A disconnect order as the Dashboard has it now; null when it does not know the id.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_, { id }, ctx) => ordersById(ctx).load(orderIdArgument(id)),
  }),
);

builder.subscriptionField('disconnectOrder', (t) =>
  t.field({
    type: DisconnectOrder,
    description:
      'The order now, then every change until a final status. Changes are learned from Bandwidth callbacks, and by polling the Dashboard when none come.',
    args: { id: t.arg.id({ required: true }) },
    nullable: true,
    authScopes: { 'numbers:read': true },
    subscribe: (_, { id }, ctx) => ctx.orders.watch(orderIdArgument(id), ctx.upstreams.dashboard),
    resolve: (order) => order,
  }),
);

const DisconnectNumberPayload = builder.objectRef<DisconnectOutcome>('DisconnectNumberPayload').implement({
  description: 'What disconnectNumber did: the un-import, and the disconnect order that stands for the number.',
  fields: (t) => ({
    number: t.exposeString('number', { description: 'The number, in E.164.' }),
    unimported: t.exposeBoolean('unimported', {
      description: 'True when this call un-imported it; false when it was not (or no longer) imported at Voice & Messaging.',
    }),
    order: t.field({ type: DisconnectOrder, nullable: true, resolve: (p) => p.order }),
    orderFiledNow: t.exposeBoolean('orderFiledNow', {
      description:
        'True when this call filed the order; false when it is the order an earlier call filed for the number (of either mutation, on any instance), as the Dashboard has it now.',
    }),
  }),
});

builder.mutationField('disconnectNumber', (t) =>
  t.field({
    type: DisconnectNumberPayload,
    nullable: true,
    authScopes: { 'numbers:disconnect': true },
    description:
      'Takes a NANP number out of Bandwidth: un-imports it from Voice & Messaging, then files a disconnect order at the Dashboard. At most one order per number: a later call (or retirePhoneNumber) returns the order already filed while the Dashboard has it and it has not FAILED. Safe to call again after a failure; an order whose outcome is unknown is never re-sent.',
    args: { number: t.arg.string({ required: true, description: 'Any common format, e.g. +1 828 333 4444 or (828) 333-4444.' }) },
    resolve: async (_, args, ctx) => {
      const number = phoneArgument('number', args.number);
      const national = nanpNationalNumber(number);
      if (!national) throw new BadUserInputError('number', 'must be a NANP (+1) number: only those can be disconnected at Bandwidth');
      const outcome = await disconnectNumber({ e164: number, national }, ctx.upstreams, ctx.store);
      carrierByE164(ctx).clear(number).prime(number, null);
      ordersById(ctx).clear(outcome.order.id).prime(outcome.order.id, outcome.order);
      return outcome;
    },
  }),
);
