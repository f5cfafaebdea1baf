// The example operations, one per capability: GraphiQL opens with them, the README shows each
// verbatim (a test holds it to that), and `npm run example -- <name>` sends one to a running gateway.
// They run on the simulators' demo data in this order, and each alone after a demo reset: a value
// an earlier step makes (an order id, the list's current version) is read by `prepare`, never pasted.
import { ACME, KIWI } from './simulators/demo.js';

/** Sends one GraphQL operation and answers its data; throws when the answer carries errors. */
export type Ask = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface Example {
  /** What `npm run example -- <name>` takes. */
  name: string;
  /** One line, above the operation in GraphiQL. */
  title: string;
  /** One named operation, as the README shows it. */
  document: string;
  /** The variables the document needs, read from the gateway now. */
  prepare?: (ask: Ask) => Promise<Record<string, unknown>>;
}

/** The order filed for a number: the standing one, or one filed now when none is (disconnecting is safe to repeat). */
const orderFor = async (ask: Ask, number: string) => {
  const data = await ask<{ disconnectNumber: { order: { id: string } | null } }>(
    'mutation OrderFor($number: String!) { disconnectNumber(number: $number) { order { id } } }',
    { number },
  );
  if (!data.disconnectNumber.order) throw new Error(`no disconnect order stands for ${number}`);
  return { id: data.disconnectNumber.order.id };
};

export const examples: Example[] = [
  {
    name: 'retirePhoneNumber',
    title: 'Take a number out of service everywhere: both phone APIs, live calls, the carrier. Each step reads its upstream now.',
    document: `mutation RetirePhoneNumber {
  retirePhoneNumber(customerId: "${ACME}", number: "(828) 333-4444", extension: "@self") {
    number
    complete
    steps {
      name
      status
      reason
      errorCode
      removedIds
      wasPrimary
      order {
        id
        status
      }
    }
  }
}`,
  },
  {
    name: 'customerDashboard',
    title: 'A customer across three upstreams, each number joined to its carrier record.',
    document: `query CustomerDashboard {
  customer(id: "${ACME}") {
    phones {
      version
      items {
        key
        type
        numberInternational
        e164
        carrier {
          id
          city
        }
      }
    }
    phoneNumbers {
      id
      type
      isPrimary
      e164
      carrier {
        id
        numberState
      }
    }
    primaryPhoneNumber {
      e164
    }
    contacts(page: 0, size: 10) {
      totalElements
      items {
        id
        type
        value
        status
      }
    }
  }
}`,
  },
  {
    name: 'customers',
    title: 'Several customers at once; repeated ids and shared numbers are fetched once.',
    document: `query Customers {
  customers(ids: ["${ACME}", "${KIWI}"]) {
    id
    phoneNumbers {
      e164
    }
  }
}`,
  },
  {
    name: 'phoneNumber',
    title: "One Phone Number API record by its phoneNumberId (seed 001's sample).",
    document: `query PhoneNumber {
  phoneNumber(customerId: "${KIWI}", id: "7777777") {
    id
    name
    type
    isPrimary
    e164
  }
}`,
  },
  {
    name: 'carrierNumber',
    title: "A number's carrier record, in any common format.",
    document: `query CarrierNumber {
  carrierNumber(number: "(919) 230-2749") {
    id
    number
    city
    state
    price
    createdTime
    application
  }
}`,
  },
  {
    name: 'phoneCalls',
    title: "Live calls on all of a user's extensions.",
    document: `query PhoneCalls {
  phoneCalls(userId: "@me", extension: "@self") {
    id
    extension
    phoneNumber
    direction
    status
  }
}`,
  },
  {
    name: 'createPhoneNumber',
    title: 'Create a phone number; making it primary un-primaries the previous one.',
    document: `mutation CreatePhoneNumber {
  createPhoneNumber(
    customerId: "${KIWI}"
    input: { type: WORK, name: "Office", countryCode: "+64", areaCode: "09", phoneNumber: "379 1234", isPrimary: true }
  ) {
    id
    isPrimary
    e164
    customer {
      primaryPhoneNumber {
        id
      }
    }
  }
}`,
  },
  {
    name: 'updatePhoneNumber',
    title: 'Replace a phone number record (an isPrimary left out is false: a primary number stops being primary).',
    document: `mutation UpdatePhoneNumber {
  updatePhoneNumber(
    customerId: "${ACME}"
    id: "1000002"
    input: { type: HOME, name: "Dana (home)", countryCode: "+1", areaCode: "919", phoneNumber: "230 2749", isPrimary: false }
  ) {
    id
    type
    isPrimary
  }
}`,
  },
  {
    name: 'deletePhoneNumber',
    title: 'Delete a phone number record.',
    document: `mutation DeletePhoneNumber {
  deletePhoneNumber(customerId: "${ACME}", id: "1000003")
}`,
  },
  {
    name: 'deletePhones',
    title: 'Delete customer phones only if the list is still at the version read (else CONFLICT with extensions.currentVersion).',
    document: `mutation DeletePhones($expectedVersion: String = "3") {
  deletePhones(
    customerId: "${ACME}"
    keys: ["5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03"]
    expectedVersion: $expectedVersion
  ) {
    version
    removed {
      key
    }
    totalPhonesAttached
  }
}`,
    prepare: async (ask) => {
      const data = await ask<{ customer: { phones: { version: string } } }>(`{ customer(id: "${ACME}") { phones { version } } }`);
      return { expectedVersion: data.customer.phones.version };
    },
  },
  {
    name: 'deleteContacts',
    title: 'Soft-delete contacts of a direct sub-customer, all or none.',
    document: `mutation DeleteContacts {
  deleteContacts(customerId: "${ACME}", ids: ["e7fcef24-5c03-41dd-9e33-995b7d6f32b1"]) {
    requestId
    ids
  }
}`,
  },
  {
    name: 'hangUpCalls',
    title: "Hang up the calls that involve a number: the UAPI seed's own example.",
    document: `mutation HangUpCalls {
  hangUpCalls(userId: "@me", extension: "0003*210", phoneCallId: "7d280cc4feae3255a497", phoneNumber: "8887777") {
    hungUpIds
    hungUp {
      id
      extension
      phoneNumber
    }
  }
}`,
  },
  {
    name: 'disconnectNumber',
    title: 'Take a NANP number out of Bandwidth: un-import it, then file the disconnect order. Safe to call again.',
    document: `mutation DisconnectNumber {
  disconnectNumber(number: "+1 704 555 0123", name: "Delete Number") {
    number
    unimported
    orderFiledNow
    order {
      id
      status
      name
      disconnectMode
    }
  }
}`,
  },
  {
    name: 'disconnectNumbers',
    title: 'Several numbers at once; those with no order standing go into one new order.',
    document: `mutation DisconnectNumbers {
  disconnectNumbers(numbers: ["+1 828 555 0142", "(919) 230-2749"]) {
    number
    orderFiledNow
    errorCode
    reason
    order {
      id
      numbers
    }
  }
}`,
  },
  {
    name: 'pendingDisconnectOrders',
    title: 'The numbers whose disconnect order has an unknown outcome, for an operator to settle.',
    document: `query PendingDisconnectOrders {
  pendingDisconnectOrders {
    number
    since
    reason
  }
}`,
  },
  {
    name: 'disconnectOrder',
    title: 'Read a disconnect order by id: in GraphiQL, Variables {"id": "…"} with the id DisconnectNumber answered; the command reads it.',
    document: `query DisconnectOrder($id: ID!) {
  disconnectOrder(id: $id) {
    id
    status
    numbers
    disconnectedNumbers
  }
}`,
    prepare: (ask) => orderFor(ask, '+1 704 555 0123'),
  },
  {
    name: 'followDisconnectOrder',
    title: 'Follow a disconnect order until it is final (Server-Sent Events). Variables as for DisconnectOrder.',
    document: `subscription FollowDisconnectOrder($id: ID!) {
  disconnectOrder(id: $id) {
    id
    status
    disconnectedNumbers
  }
}`,
    prepare: (ask) => orderFor(ask, '+1 704 555 0123'),
  },
  {
    name: 'entities',
    title: 'As a federation subgraph: what a router asks for a Customer another subgraph returned.',
    document: `query Entities {
  _entities(representations: [{ __typename: "Customer", id: "${ACME}" }]) {
    ... on Customer {
      phoneNumbers {
        e164
      }
    }
  }
}`,
  },
];
