// retirePhoneNumber: the work that spans the upstreams, as one mutation.
import { builder } from '../builder.js';
import { invalidateCached } from '../response-cache.js';
import { id, phone } from '../validation.js';
import { type RetireOutcome, type RetireStepResult, retirePhoneNumber, retireSteps } from '../workflows/retire.js';
import { DisconnectOrder } from './disconnectOrder.js';
import { extensionRule } from './phoneCall.js';

const RetireStepName = builder.enumType('RetireStepName', {
  description: 'The steps of retirePhoneNumber, in the order they run.',
  values: {
    CUSTOMER_PHONES: { description: "Remove the number from the customer's record in the Customer Phones API." },
    PHONE_NUMBERS: { description: "Remove every record of the customer's with this number from the Phone Number API." },
    LIVE_CALLS: { description: "Hang up the extension's live calls that involve the number." },
    CARRIER_UNIMPORT: { description: 'Un-import the number at catapult (Bandwidth Voice & Messaging).' },
    DISCONNECT_ORDER: { description: 'File the disconnect order at the Bandwidth Dashboard.' },
  },
});

const RetireStepStatus = builder.enumType('RetireStepStatus', {
  values: {
    DONE: { description: 'The step changed something, now.' },
    SKIPPED: { description: 'Nothing to do, as read from the upstream during this call (the reason says why).' },
    FAILED: { description: 'The step failed (errorCode says how); the steps after it did not run.' },
    NOT_RUN: { description: 'An earlier step failed. Calling again resumes.' },
  },
});

const RetireStep = builder.objectRef<RetireStepResult>('RetireStep').implement({
  description: 'One step of retirePhoneNumber and what it did.',
  fields: (t) => ({
    name: t.field({ type: RetireStepName, resolve: (s) => s.name }),
    status: t.field({ type: RetireStepStatus, resolve: (s) => s.status }),
    reason: t.exposeString('reason', { nullable: true }),
    errorCode: t.exposeString('errorCode', { nullable: true, description: 'For FAILED: the error code, as in GraphQL errors.' }),
    upstream: t.exposeString('upstream', { nullable: true, description: 'For FAILED: the upstream that failed.' }),
    outcomeUnknown: t.exposeBoolean('outcomeUnknown', {
      description:
        "For FAILED: the step's write was sent and may have been applied (a timeout, a reset, a 500, 502 or 504). It is not sent again on the gateway's account; calling again reads the upstream and does only what is still needed.",
    }),
    removedIds: t.exposeIDList('removedIds', { description: 'Phone keys, phone number ids, call ids or the carrier number-id removed.' }),
    wasPrimary: t.exposeBoolean('wasPrimary', {
      nullable: true,
      description: "PHONE_NUMBERS: a removed record was the customer's primary number.",
    }),
    order: t.field({
      type: DisconnectOrder,
      nullable: true,
      authScopes: { 'numbers:read': true },
      description: 'DISCONNECT_ORDER: the order standing for the number, as the Dashboard answered during this call.',
      resolve: (s) => s.order,
    }),
  }),
});

const RetirePhoneNumberPayload = builder
  .objectRef<RetireOutcome & { customerId: string; number: string }>('RetirePhoneNumberPayload')
  .implement({
    description: 'Every step of retirePhoneNumber in order, each with its status.',
    fields: (t) => ({
      customerId: t.exposeID('customerId'),
      number: t.exposeString('number', { description: 'The number, in E.164.' }),
      steps: t.field({ type: [RetireStep], resolve: (p) => p.steps }),
      complete: t.exposeBoolean('complete', {
        description:
          'True when, read during this call, neither phone API holds the number, no live call on the extension involves it, it is not imported, and a disconnect order that has not FAILED stands for it (NANP numbers).',
      }),
    }),
  });

builder.mutationField('retirePhoneNumber', (t) =>
  t.field({
    type: RetirePhoneNumberPayload,
    nullable: true,
    description: `Takes a number out of service everywhere, in an order that never leaves the customer pointing at a disconnected number: ${retireSteps.join(', ')}. Every step reads its upstream during the call, so calling again does what is still needed. A failed step stops the ones after it. The disconnect order is filed at most once per number, shared with disconnectNumber.`,
    // numbers:disconnect, and the scopes of every step it runs.
    authScopes: (_, args) => ({
      $all: { 'numbers:disconnect': true, 'phones:write': true, ...(args.extension ? { 'calls:write': true } : {}) },
    }),
    args: {
      customerId: t.arg.id({ required: true, validate: id() }),
      number: t.arg.string({ required: true, description: 'Any common format.', validate: phone() }),
      extension: t.arg.string({
        description: 'The extension whose live calls with the number are hung up (e.g. 0003*210, or @self).',
        validate: extensionRule(),
      }),
    },
    resolve: async (_, args, ctx) => {
      const { customerId, number } = args;
      const extension = args.extension ?? undefined;
      const outcome = await retirePhoneNumber({ customerId, number, extension }, ctx.upstreams, ctx.services.orderBook);
      await invalidateCached(ctx.services.responseCache, ['Customer', 'CustomerPhone', 'PhoneNumber', 'CarrierNumber']);
      return { customerId, number, ...outcome };
    },
  }),
);
