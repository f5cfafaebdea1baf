// CarrierNumber: a number's record at catapult (Bandwidth's Voice & Messaging API), joined by E.164.

import type { ObjectRef } from '@pothos/core';
import { builder, type Types } from '../builder.js';
import { eachKey, requestLoader } from '../loaders.js';
import type { CarrierNumberRecord } from '../upstreams/catapult/client.js';
import { phone } from '../validation.js';
import { toDateTime } from './dates.js';

/** By E.164, across the whole request: a number named five times is looked up once. */
const carrierByE164 = requestLoader<string, CarrierNumberRecord | null>(eachKey((e164, ctx) => ctx.upstreams.catapult.findNumber(e164)));

const CarrierNumber = builder.objectRef<CarrierNumberRecord>('CarrierNumber').implement({
  description: "A number imported at catapult, Bandwidth's Voice & Messaging API.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The number-id, needed to un-import the number.' }),
    number: t.exposeString('number', { description: 'The number in E.164, whatever form catapult echoed it in.' }),
    nationalNumber: t.exposeString('nationalNumber', { nullable: true }),
    name: t.exposeString('name', { nullable: true }),
    city: t.exposeString('city', { nullable: true }),
    state: t.exposeString('state', { nullable: true }),
    price: t.exposeString('price', { nullable: true, description: 'Monthly price as a decimal string, e.g. "0.35".' }),
    numberState: t.exposeString('numberState', { nullable: true }),
    createdTime: t.field({ type: 'DateTime', nullable: true, resolve: (n) => toDateTime(n.createdTime) }),
    applicationId: t.exposeString('applicationId', { nullable: true }),
    application: t.exposeString('application', { nullable: true, description: 'The URL of the application the number is assigned to.' }),
  }),
});

builder.queryFields((t) => ({
  carrierNumber: t.field({
    type: CarrierNumber,
    nullable: true,
    authScopes: { 'numbers:read': true },
    description: "A number's record at catapult; null when it is not imported. Any common format is accepted.",
    args: { number: t.arg.string({ required: true, validate: phone() }) },
    resolve: (_, { number }, ctx) => carrierByE164(ctx).load(number),
  }),
}));

/** Adds `carrier` to a type whose records have an E.164 number: one join, one scope, one loader for all of them. */
export function addCarrierField<T>(type: ObjectRef<Types, T>, e164Of: (record: T) => string | null): void {
  builder.objectField(type, 'carrier', (t) =>
    t.field({
      type: CarrierNumber,
      nullable: true,
      authScopes: { 'numbers:read': true },
      description: "The number's record at catapult; null when it is not imported.",
      resolve: (record, _, ctx) => {
        const e164 = e164Of(record);
        return e164 === null ? null : carrierByE164(ctx).load(e164);
      },
    }),
  );
}
