// The Contacts API in the graph: a customer's contacts page by page, and their all-or-nothing soft delete.
import { builder } from '../builder.js';
import { eachKey, requestLoader } from '../loaders.js';
import { invalidating } from '../response-cache.js';
import type { ContactPageRecord, ContactRecord } from '../upstreams/contacts/client.js';
import { between, id, limits, list, uuid } from '../validation.js';
import { Customer } from './customer.js';

interface ContactPageKey {
  customerId: string;
  page: number;
  size: number;
}

const contactPages = requestLoader<ContactPageKey, ContactPageRecord, string>(
  eachKey(({ customerId, page, size }, ctx) => ctx.upstreams.contacts.list(customerId, page, size)),
  { cacheKeyFn: ({ customerId, page, size }) => `${customerId}/${page}/${size}` },
);

const ContactType = builder.enumType('ContactType', {
  description: 'The kind of contact detail.',
  values: ['EMAIL', 'PHONE', 'MOBILE', 'FAX'] as const,
});
const ContactStatus = builder.enumType('ContactStatus', {
  description: 'DELETED contacts were soft-deleted and still listed.',
  values: ['ACTIVE', 'DELETED'] as const,
});

const Contact = builder.objectRef<ContactRecord>('Contact').implement({
  description: 'A contact of a customer in the Contacts API. Deleted contacts stay, with status DELETED.',
  fields: (t) => ({
    id: t.exposeID('id'),
    customerId: t.exposeID('customerId'),
    type: t.field({ type: ContactType, resolve: (c) => c.type }),
    value: t.exposeString('value', { nullable: true }),
    name: t.exposeString('name', { nullable: true }),
    status: t.field({ type: ContactStatus, resolve: (c) => c.status }),
  }),
});

const ContactPage = builder.objectRef<ContactPageRecord>('ContactPage').implement({
  description: "One page of a customer's contacts, with the totals the Contacts API reported.",
  fields: (t) => ({
    items: t.field({ type: [Contact], resolve: (p) => p.items }),
    page: t.exposeInt('page'),
    size: t.exposeInt('size'),
    totalPages: t.exposeInt('totalPages'),
    totalElements: t.exposeInt('totalElements'),
  }),
});

builder.objectField(Customer, 'contacts', (t) =>
  t.field({
    type: ContactPage,
    nullable: true,
    authScopes: { 'contacts:read': true },
    description: `Contacts from the Contacts API, a page at a time (size at most ${limits.contactPageSize}).`,
    args: {
      page: t.arg.int({ defaultValue: 0, validate: between(0, 1_000_000) }),
      size: t.arg.int({ defaultValue: 20, validate: between(1, limits.contactPageSize) }),
    },
    resolve: (customer, args, ctx) =>
      contactPages(ctx).load({
        customerId: customer.id,
        page: args.page ?? 0,
        size: args.size ?? 20,
      }),
  }),
);

const DeleteContactsPayload = builder
  .objectRef<{ customerId: string; requestId: string; ids: string[] }>('DeleteContactsPayload')
  .implement({
    description: 'What deleteContacts did: every id given is now DELETED.',
    fields: (t) => ({
      customer: t.field({
        type: Customer,
        description: 'The customer, read afresh after the delete.',
        resolve: (p) => ({ id: p.customerId }),
      }),
      requestId: t.exposeID('requestId', { description: "The Contacts API's id of this request." }),
      ids: t.exposeIDList('ids', { description: 'The contacts now marked DELETED.' }),
    }),
  });

builder.mutationField('deleteContacts', (t) =>
  t.field({
    type: DeleteContactsPayload,
    nullable: true,
    authScopes: { 'contacts:write': true },
    description:
      "Soft-deletes contacts of one of the requester's direct sub-customers: all of them or none (one unknown id deletes nothing).",
    args: {
      customerId: t.arg.id({ required: true, validate: id() }),
      ids: t.arg.idList({ required: true, validate: list(uuid(), limits.ids) }),
    },
    resolve: async (_, args, ctx) => {
      const { customerId, ids } = args;
      const { requestId } = await invalidating(ctx.services.responseCache, ['Customer', 'Contact'], () =>
        ctx.upstreams.contacts.deleteContacts(customerId, ids),
      );
      return { customerId, requestId, ids };
    },
  }),
);
