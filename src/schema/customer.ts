// Customer: the entity every upstream knows by the same id. It holds only the id; each field
// resolves lazily from the upstream that owns it, so a query pays only for what it asks.
import { builder } from '../builder.js';
import { id, limits, list } from '../validation.js';

export interface CustomerShape {
  id: string;
}

export const Customer = builder.objectRef<CustomerShape>('Customer');

Customer.implement({
  description: 'A customer, known by the same id to the Customer Phones, Phone Number and Contacts APIs.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description: 'The customer id (a UUID where the Customer Phones API is concerned; the other APIs leave its form open).',
    }),
  }),
});

builder.asEntity(Customer, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: ({ id }) => ({ id }),
});

builder.queryFields((t) => ({
  customer: t.field({
    type: Customer,
    nullable: true,
    description: 'One customer by id. Its fields resolve lazily, each from its own upstream.',
    args: { id: t.arg.id({ required: true, validate: id() }) },
    resolve: (_, args) => ({ id: args.id }),
  }),
  customers: t.field({
    type: [Customer],
    nullable: { list: true, items: true },
    description: `Several customers by id (at most ${limits.ids}); repeated ids are loaded once.`,
    // One answer per id given, repeats included (the loaders read each once).
    args: { ids: t.arg.idList({ required: true, validate: list(id(), limits.ids, { keepRepeats: true }) }) },
    resolve: (_, { ids }) => ids.map((customerId) => ({ id: customerId })),
  }),
}));
