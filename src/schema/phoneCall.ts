// The VoipNow UAPI in the graph: live calls on an extension, and hanging them up.
import { builder, type Types } from '../builder.js';
import { eachKey, requestLoader } from '../loaders.js';
import type { HungUpCallRecord, PhoneCallRecord } from '../upstreams/uapi/client.js';
import { callParty, id } from '../validation.js';
import { toDateTime } from './dates.js';

interface CallsKey {
  userId: string;
  extension: string;
}

const callsByExtension = requestLoader<CallsKey, PhoneCallRecord[], string>(
  eachKey(({ userId, extension }, ctx) => ctx.upstreams.uapi.listCalls(userId, extension)),
  { cacheKeyFn: ({ userId, extension }) => `${userId}/${extension}` },
);

const CallDirection = builder.enumType('CallDirection', {
  description: 'Whether the extension received or placed the call.',
  values: { INCOMING: { value: 'incoming' }, OUTGOING: { value: 'outgoing' } } as const,
});

/** A call's fields, in order: what a live call and a hung-up one share, and their own extension and status. */
function callFields<C extends HungUpCallRecord, E, S>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, C>, own: { extension: E; status: S }) {
  return {
    id: t.id({ resolve: (c) => c.id }),
    extension: own.extension,
    phoneNumber: t.string({ nullable: true, description: 'The other party.', resolve: (c) => c.phoneNumber ?? null }),
    direction: t.field({ type: CallDirection, nullable: true, resolve: (c) => c.direction ?? null }),
    status: own.status,
    startedAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => toDateTime(c.startedAt) }),
  };
}

const PhoneCall = builder.objectRef<PhoneCallRecord>('PhoneCall').implement({
  description: 'A live call on an extension.',
  fields: (t) =>
    callFields(t, {
      extension: t.exposeString('extension'),
      status: t.exposeString('status', { nullable: true, description: 'ringing, active or on-hold.' }),
    }),
});

const userIdRule = () =>
  id({ max: 64, pattern: /^(@me|@viewer|@owner|[A-Za-z0-9_-]+)$/, description: '@me, @viewer, @owner or a user id' });
export const extensionRule = () =>
  id({ max: 32, pattern: /^(@self|[0-9*#]+)$/, description: 'an extension number such as 0003*210, or @self' });

builder.queryField('phoneCalls', (t) =>
  t.field({
    type: [PhoneCall],
    nullable: true,
    authScopes: { 'calls:read': true },
    description: "Live calls of a user's extension (`@self`: all of the user's extensions).",
    args: {
      userId: t.arg.string({
        required: true,
        defaultValue: '@me',
        description: '@me, @viewer, @owner or a user id.',
        validate: userIdRule(),
      }),
      extension: t.arg.string({
        required: true,
        description: 'An extension number such as 0003*210, or @self.',
        validate: extensionRule(),
      }),
    },
    resolve: (_, args, ctx) => callsByExtension(ctx).load({ userId: args.userId, extension: args.extension }),
  }),
);

const HungUpCall = builder.objectRef<HungUpCallRecord>('HungUpCall').implement({
  description: 'A call hangUpCalls ended, with what the UAPI told of it (seed 004 promises the id; the rest may be absent).',
  fields: (t) =>
    callFields(t, { extension: t.exposeString('extension', { nullable: true }), status: t.exposeString('status', { nullable: true }) }),
});

const HangUpCallsPayload = builder.objectRef<{ hungUp: HungUpCallRecord[] }>('HangUpCallsPayload').implement({
  description: 'The calls hangUpCalls ended.',
  fields: (t) => ({
    hungUpIds: t.idList({
      description: 'The calls hung up; empty when there was nothing to hang up.',
      resolve: (p) => p.hungUp.map((c) => c.id),
    }),
    hungUp: t.field({
      type: [HungUpCall],
      description: 'The calls hung up, as the UAPI answered (empty on its 204).',
      resolve: (p) => p.hungUp,
    }),
  }),
});

builder.mutationField('hangUpCalls', (t) =>
  t.field({
    type: HangUpCallsPayload,
    nullable: true,
    authScopes: { 'calls:write': true },
    description:
      'Hangs up the calls of an extension: all of them, the one with phoneCallId, or those involving phoneNumber. With both, nothing is hung up unless that call involves that number.',
    args: {
      userId: t.arg.string({ required: true, defaultValue: '@me', validate: userIdRule() }),
      extension: t.arg.string({ required: true, validate: extensionRule() }),
      phoneCallId: t.arg.id({ validate: id({ max: 64, pattern: /^[A-Za-z0-9]+$/, description: 'letters and digits' }) }),
      phoneNumber: t.arg.string({
        description:
          'A party of the call as the UAPI takes it: digits with an optional leading + (an extension, a short number such as 8887777, or a full number), sent unchanged. A formatted number such as +1 828 333 4444 is sent in E.164.',
        validate: callParty(),
      }),
    },
    resolve: async (_, args, ctx) => {
      const { userId, extension } = args;
      const phoneCallId = args.phoneCallId ?? undefined;
      const phoneNumber = args.phoneNumber ?? undefined;
      const hungUp = await ctx.upstreams.uapi.hangUp(userId, extension, { phoneCallId, phoneNumber });
      return { hungUp };
    },
  }),
);
