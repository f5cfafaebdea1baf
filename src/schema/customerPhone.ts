// The Customer Phones API in the graph: a customer's versioned phone list and its batch delete.
import { builder } from '../builder.js';
import { BadUserInputError } from '../errors.js';
import { eachKey, requestLoader } from '../loaders.js';
import { customerPhoneE164 } from '../phone.js';
import { invalidating } from '../response-cache.js';
import type { CustomerPhoneListRecord, CustomerPhoneRecord } from '../upstreams/customerPhones/client.js';
import { checked, id, limits, list, uuid } from '../validation.js';
import { addCarrierField } from './carrier.js';
import { Customer } from './customer.js';

const phoneListByCustomer = requestLoader<string, CustomerPhoneListRecord>(
  eachKey((customerId, ctx) => ctx.upstreams.customerPhones.list(customerId)),
);

const CustomerPhoneType = builder.enumType('CustomerPhoneType', {
  description: "The Customer Phones API's phone type.",
  values: { UNKNOWN: { value: 'Unknown' }, PHONE: { value: 'Phone' }, MOBILE: { value: 'Mobile' } } as const,
});

const CustomerPhone = builder.objectRef<CustomerPhoneRecord>('CustomerPhone').implement({
  description: 'A phone on the customer record in the Customer Phones API.',
  fields: (t) => ({
    key: t.exposeID('key', { description: 'The phone key (a UUID), used to delete it.' }),
    type: t.field({ type: CustomerPhoneType, resolve: (p) => p.type }),
    country: t.exposeString('country', { nullable: true, description: 'ISO 3166-1 alpha-2 code.' }),
    numberLocal: t.exposeString('numberLocal', { nullable: true }),
    numberInternational: t.exposeString('numberInternational', { nullable: true }),
    e164: t.string({
      nullable: true,
      description:
        'The number in E.164: numberInternational holds the country code even without + (64 9 264 5555 is +6492645555); numberLocal is read in its country. With no country and no international form, or a value that does not parse: null.',
      resolve: (p) => customerPhoneE164(p),
    }),
  }),
});

addCarrierField(CustomerPhone, customerPhoneE164);

const CustomerPhoneList = builder.objectRef<CustomerPhoneListRecord>('CustomerPhoneList').implement({
  description: "A customer's phones with the list's version (it changes on every change).",
  fields: (t) => ({
    version: t.exposeString('version', { description: 'Pass it as expectedVersion to delete only if nothing changed since.' }),
    items: t.field({ type: [CustomerPhone], resolve: (l) => l.phones }),
  }),
});

/** Built once: a zod schema costs far more to build than to run, and this one runs for every customer. */
const customerUuid = uuid();

builder.objectField(Customer, 'phones', (t) =>
  t.field({
    type: CustomerPhoneList,
    nullable: true,
    authScopes: { 'phones:read': true },
    description: 'Phones from the Customer Phones API.',
    // Seed 000 types the customer as a UUID; the other APIs do not, so only this field refuses another form.
    // The Customer Phones API knows customers by UUID only.
    resolve: (customer, _, ctx) => phoneListByCustomer(ctx).load(checked(customerUuid, 'id', customer.id)),
  }),
);

interface DeletePhonesShape {
  customerId: string;
  version: string;
  removed: CustomerPhoneRecord[];
  totalPhonesAttached: number;
}

const DeletePhonesPayload = builder.objectRef<DeletePhonesShape>('DeletePhonesPayload').implement({
  description: "What deletePhones removed, and the list's new version.",
  fields: (t) => ({
    customerId: t.exposeID('customerId'),
    customer: t.field({
      type: Customer,
      description: 'The customer, read afresh after the delete.',
      resolve: (p) => ({ id: p.customerId }),
    }),
    version: t.exposeString('version', { description: "The phone list's version after the delete." }),
    removed: t.field({ type: [CustomerPhone], resolve: (p) => p.removed }),
    totalPhonesAttached: t.exposeInt('totalPhonesAttached', { description: 'How many phones the customer has left.' }),
  }),
});

builder.mutationField('deletePhones', (t) =>
  t.field({
    type: DeletePhonesPayload,
    nullable: true,
    authScopes: { 'phones:write': true },
    description:
      'Deletes phones from the Customer Phones API, all of them or none. With expectedVersion, only if the list is still at that version (else CONFLICT).',
    args: {
      customerId: t.arg.id({ required: true, validate: uuid() }),
      keys: t.arg.idList({ required: true, validate: list(id(), limits.keys) }),
      expectedVersion: t.arg.string(),
    },
    resolve: async (_, args, ctx) => {
      const { customerId, keys } = args;
      if (args.expectedVersion === '') throw new BadUserInputError('expectedVersion', 'must not be empty');
      const result = await invalidating(ctx.services.responseCache, ['Customer', 'CustomerPhone'], () =>
        ctx.upstreams.customerPhones.deletePhones(customerId, keys, args.expectedVersion ?? undefined),
      );
      return {
        customerId: result.customerId,
        version: result.version,
        removed: result.phonesRemoved,
        totalPhonesAttached: result.totalPhonesAttached,
      };
    },
  }),
);
