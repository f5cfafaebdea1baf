// The part of the gateway's schema the scenarios use, as plain SDL with plain resolvers over the same
// upstream calls: what a team writes when it wants GraphQL and nothing else. The stack floor serves it
// with graphql-yoga, the peer with Apollo Server (through RESTDataSource).
import type { CarrierWire, ContactWire, CustomerPhoneWire, PhoneNumberWire } from './upstream-calls.js';
import { customerPhoneE164, phoneNumberE164 } from './upstream-calls.js';

export const typeDefs = /* GraphQL */ `
  type Query {
    customer(id: ID!): Customer
    customers(ids: [ID!]!): [Customer]
  }
  type Mutation {
    hangUpCalls(userId: String! = "@me", extension: String!, phoneCallId: ID, phoneNumber: String): HangUpCallsPayload
  }
  type HangUpCallsPayload { hungUpIds: [ID!]! }
  type Customer {
    id: ID!
    phones: CustomerPhoneList
    phoneNumbers: [PhoneNumber!]
    primaryPhoneNumber: PhoneNumber
    contacts(page: Int = 0, size: Int = 20): ContactPage
  }
  type CustomerPhoneList { version: String!, items: [CustomerPhone!]! }
  enum CustomerPhoneType { UNKNOWN PHONE MOBILE }
  type CustomerPhone { key: ID!, type: CustomerPhoneType!, numberInternational: String, e164: String, carrier: CarrierNumber }
  enum PhoneNumberType { EMERGENCY FAX HOME MOBILE WORK }
  type PhoneNumber { id: ID!, type: PhoneNumberType!, name: String, isPrimary: Boolean!, e164: String, carrier: CarrierNumber }
  type CarrierNumber { id: ID!, numberState: String, city: String, state: String }
  type ContactPage { totalElements: Int!, items: [Contact!]! }
  type Contact { id: ID!, type: String!, value: String, status: String! }
`;

/** What the resolvers need of a request: its reads, each made once per request. */
export interface Reads {
  phones(id: string): Promise<{ version: string; phones: CustomerPhoneWire[] } | null>;
  phoneNumbers(id: string): Promise<PhoneNumberWire[] | null>;
  contacts(id: string, page: number, size: number): Promise<{ content: ContactWire[]; pageable: { totalElements: number } } | null>;
  carrier(e164: string | null): Promise<CarrierWire | null>;
  hangUp(extension: string, phoneNumber: string): Promise<string[]>;
}

type Ctx = { reads: Reads };
type Customer = { id: string };

export const resolvers = {
  Query: {
    customer: (_: unknown, { id }: { id: string }) => ({ id }),
    customers: (_: unknown, { ids }: { ids: string[] }) => ids.map((id) => ({ id })),
  },
  Mutation: {
    hangUpCalls: async (_: unknown, args: { extension: string; phoneNumber: string }, { reads }: Ctx) => ({
      hungUpIds: await reads.hangUp(args.extension, args.phoneNumber),
    }),
  },
  Customer: {
    phones: async ({ id }: Customer, _: unknown, { reads }: Ctx) => {
      const list = await reads.phones(id);
      return list && { version: list.version, items: list.phones };
    },
    phoneNumbers: ({ id }: Customer, _: unknown, { reads }: Ctx) => reads.phoneNumbers(id),
    primaryPhoneNumber: async ({ id }: Customer, _: unknown, { reads }: Ctx) =>
      (await reads.phoneNumbers(id))?.find((p) => p.isPrimary === 'true') ?? null,
    contacts: async ({ id }: Customer, { page, size }: { page: number; size: number }, { reads }: Ctx) => {
      const found = await reads.contacts(id, page, size);
      return found && { totalElements: found.pageable.totalElements, items: found.content };
    },
  },
  CustomerPhone: {
    type: (p: CustomerPhoneWire) => p.type.toUpperCase(),
    e164: (p: CustomerPhoneWire) => customerPhoneE164(p),
    carrier: (p: CustomerPhoneWire, _: unknown, { reads }: Ctx) => reads.carrier(customerPhoneE164(p)),
  },
  PhoneNumber: {
    id: (p: PhoneNumberWire) => p.phoneNumberId,
    type: (p: PhoneNumberWire) => p.type.toUpperCase(),
    isPrimary: (p: PhoneNumberWire) => p.isPrimary === 'true',
    e164: (p: PhoneNumberWire) => phoneNumberE164(p),
    carrier: (p: PhoneNumberWire, _: unknown, { reads }: Ctx) => reads.carrier(phoneNumberE164(p)),
  },
};
