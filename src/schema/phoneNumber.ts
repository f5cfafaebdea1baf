// The Phone Number API in the graph: a customer's phone numbers (one primary at most) and their CRUD.
import { builder } from '../builder.js';
import { nullWhenNotFound } from '../errors.js';
import { eachKey, requestLoader } from '../loaders.js';
import { phoneNumberRecordE164 } from '../phone.js';
import { invalidating } from '../response-cache.js';
import type { PhoneNumberRecord, PhoneNumberWrite } from '../upstreams/phoneNumbers/client.js';
import { atMost, id, text } from '../validation.js';
import { addCarrierField } from './carrier.js';
import { Customer } from './customer.js';

const phoneNumbersByCustomer = requestLoader<string, PhoneNumberRecord[]>(
  eachKey((customerId, ctx) => ctx.upstreams.phoneNumbers.list(customerId)),
);

interface PhoneNumberKey {
  customerId: string;
  id: string;
}

/** One number by id (GET …/phoneNumbers/{id}); null when the upstream does not know it. */
const phoneNumberById = requestLoader<PhoneNumberKey, PhoneNumberRecord | null, string>(
  eachKey(({ customerId, id }, ctx) => nullWhenNotFound(() => ctx.upstreams.phoneNumbers.get(customerId, id))),
  { cacheKeyFn: ({ customerId, id }) => `${customerId}/${id}` },
);

/** A phoneNumberId: seed 001 allows up to 10 characters. */
const phoneNumberId = () => id({ max: 10 });

const PhoneNumberType = builder.enumType('PhoneNumberType', {
  description: "The Phone Number API's type (sent to it in lower case).",
  values: {
    EMERGENCY: { value: 'emergency' },
    FAX: { value: 'fax' },
    HOME: { value: 'home' },
    MOBILE: { value: 'mobile' },
    WORK: { value: 'work' },
  } as const,
});

const PhoneNumber = builder.objectRef<PhoneNumberRecord>('PhoneNumber').implement({
  description: "A customer's phone number in the Phone Number API.",
  fields: (t) => ({
    id: t.exposeID('id', { description: 'The phoneNumberId (up to 10 characters).' }),
    customerId: t.exposeID('customerId'),
    customer: t.field({ type: Customer, description: 'The customer this number belongs to.', resolve: (p) => ({ id: p.customerId }) }),
    type: t.field({ type: PhoneNumberType, resolve: (p) => p.type }),
    name: t.exposeString('name', { nullable: true }),
    isPrimary: t.exposeBoolean('isPrimary', { description: 'At most one number of a customer is primary.' }),
    countryCode: t.exposeString('countryCode', { nullable: true }),
    areaCode: t.exposeString('areaCode', { nullable: true }),
    phoneNumber: t.exposeString('phoneNumber'),
    e164: t.string({
      nullable: true,
      description:
        'The number in E.164 from countryCode (+64, 64 or 0064), areaCode and phoneNumber. With no countryCode (seed 001 gives no default) it is null, unless phoneNumber is written with + or 00; null too when the parts do not make a valid number.',
      resolve: (p) => phoneNumberRecordE164(p),
    }),
  }),
});

addCarrierField(PhoneNumber, phoneNumberRecordE164);

builder.objectFields(Customer, (t) => ({
  phoneNumbers: t.field({
    type: [PhoneNumber],
    nullable: true,
    authScopes: { 'phones:read': true },
    description: 'Phone numbers from the Phone Number API.',
    resolve: (customer, _, ctx) => phoneNumbersByCustomer(ctx).load(customer.id),
  }),
  primaryPhoneNumber: t.field({
    type: PhoneNumber,
    nullable: true,
    authScopes: { 'phones:read': true },
    description: 'The primary phone number, if the customer has one (same upstream call as phoneNumbers).',
    resolve: async (customer, _, ctx) => (await phoneNumbersByCustomer(ctx).load(customer.id)).find((p) => p.isPrimary) ?? null,
  }),
}));

builder.queryField('phoneNumber', (t) =>
  t.field({
    type: PhoneNumber,
    nullable: true,
    authScopes: { 'phones:read': true },
    description: 'One phone number of a customer from the Phone Number API, by its phoneNumberId; null when the API does not know it.',
    args: { customerId: t.arg.id({ required: true, validate: id() }), id: t.arg.id({ required: true, validate: phoneNumberId() }) },
    resolve: (_, args, ctx) => phoneNumberById(ctx).load({ customerId: args.customerId, id: args.id }),
  }),
);

const PhoneNumberInput = builder.inputType('PhoneNumberInput', {
  description: 'A whole Phone Number object (an update replaces every field).',
  fields: (t) => ({
    type: t.field({ type: PhoneNumberType, required: true }),
    name: t.string({ description: 'At most 50 characters.', validate: atMost(50) }),
    phoneNumber: t.string({
      required: true,
      description: 'The local part, e.g. "264 5555", or other contact details such as an email; at most 75 characters.',
      // Seed 001's limits and nothing more: phoneNumber is "Details of contact. e.g. Phone number or email",
      // so a value that is no phone number is the upstream's to take; its e164 reads as null.
      validate: text({ max: 75 }),
    }),
    areaCode: t.string({ description: 'e.g. "09"; at most 4 characters.', validate: atMost(4) }),
    countryCode: t.string({
      description: 'e.g. "+64" (or "0064"); at most 4 characters. Without it, e164 is null: no country is assumed.',
      validate: atMost(4),
    }),
    isPrimary: t.boolean({ defaultValue: false, description: 'Making a number primary makes the previous primary non-primary.' }),
  }),
});

interface PhoneNumberInputShape {
  type: PhoneNumberWrite['type'];
  name?: string | null | undefined;
  phoneNumber: string;
  areaCode?: string | null | undefined;
  countryCode?: string | null | undefined;
  isPrimary?: boolean | null | undefined;
}

function phoneNumberWrite(input: PhoneNumberInputShape): PhoneNumberWrite {
  return {
    type: input.type,
    name: input.name ?? null,
    areaCode: input.areaCode ?? null,
    countryCode: input.countryCode ?? null,
    phoneNumber: input.phoneNumber,
    isPrimary: input.isPrimary ?? false,
  };
}

builder.mutationFields((t) => ({
  createPhoneNumber: t.field({
    type: PhoneNumber,
    nullable: true,
    authScopes: { 'phones:write': true },
    description: 'Adds a phone number to the customer in the Phone Number API.',
    args: { customerId: t.arg.id({ required: true, validate: id() }), input: t.arg({ type: PhoneNumberInput, required: true }) },
    resolve: async (_, args, ctx) => {
      const { customerId } = args;
      const input = phoneNumberWrite(args.input);
      return invalidating(ctx.services.responseCache, ['Customer', 'PhoneNumber'], () =>
        ctx.upstreams.phoneNumbers.create(customerId, input),
      );
    },
  }),
  updatePhoneNumber: t.field({
    type: PhoneNumber,
    nullable: true,
    authScopes: { 'phones:write': true },
    description: 'Replaces a phone number of the customer in the Phone Number API.',
    args: {
      customerId: t.arg.id({ required: true, validate: id() }),
      id: t.arg.id({ required: true, validate: phoneNumberId() }),
      input: t.arg({ type: PhoneNumberInput, required: true }),
    },
    resolve: async (_, args, ctx) => {
      const { customerId, id: phoneNumberId } = args;
      const input = phoneNumberWrite(args.input);
      return invalidating(ctx.services.responseCache, ['Customer', 'PhoneNumber'], () =>
        ctx.upstreams.phoneNumbers.update(customerId, phoneNumberId, input),
      );
    },
  }),
  deletePhoneNumber: t.field({
    type: 'ID',
    nullable: true,
    authScopes: { 'phones:write': true },
    description: 'Deletes a phone number of the customer in the Phone Number API; returns its id.',
    args: { customerId: t.arg.id({ required: true, validate: id() }), id: t.arg.id({ required: true, validate: phoneNumberId() }) },
    resolve: async (_, args, ctx) => {
      const { customerId, id: phoneNumberId } = args;
      await invalidating(ctx.services.responseCache, ['Customer', 'PhoneNumber'], () =>
        ctx.upstreams.phoneNumbers.remove(customerId, phoneNumberId),
      );
      return phoneNumberId;
    },
  }),
}));
