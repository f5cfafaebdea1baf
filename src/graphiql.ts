// The operations GraphiQL opens with: one per capability, runnable at once against the simulators' demo data.
import { descriptors } from './upstreams/registry.js';
export const exampleOperations = `# Switchboard: one GraphQL API over ${descriptors.length} upstream APIs.
# Pick an operation with the run button's menu. The ids are the simulators' demo data.

# Take a number out of service everywhere: both phone APIs, live calls, the carrier. Each step reads its upstream now.
mutation RetirePhoneNumber {
  retirePhoneNumber(customerId: "3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e01", number: "(828) 333-4444", extension: "@self") {
    number complete
    steps { name status reason errorCode removedIds wasPrimary order { id status } }
  }
}

# A customer across three upstreams, with each number joined to its carrier record.
query CustomerDashboard {
  customer(id: "3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e01") {
    id
    phones { version items { key type numberInternational e164 carrier { id city state } } }
    phoneNumbers { id type name isPrimary e164 carrier { id numberState } }
    primaryPhoneNumber { e164 }
    contacts(page: 0, size: 10) { totalElements items { id type value status } }
  }
}

# Several customers at once; repeated ids and shared numbers are fetched once.
query Customers {
  customers(ids: ["3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e01", "3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e02"]) {
    id
    phoneNumbers { phoneNumber e164 carrier { number } }
  }
}

# One Phone Number API record by its phoneNumberId (seed 001's sample).
query PhoneNumber {
  phoneNumber(customerId: "3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e02", id: "7777777") { id name type isPrimary countryCode areaCode phoneNumber e164 }
}

query CarrierNumber {
  carrierNumber(number: "(919) 230-2749") { id number nationalNumber city state price createdTime application }
}

query LiveCalls {
  phoneCalls(userId: "@me", extension: "@self") { id extension phoneNumber direction status startedAt }
}

mutation CreatePhoneNumber {
  createPhoneNumber(
    customerId: "3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e02"
    input: { type: WORK, name: "Office", countryCode: "+64", areaCode: "09", phoneNumber: "379 1234", isPrimary: true }
  ) { id isPrimary e164 }
}

mutation DeletePhones {
  deletePhones(customerId: "3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e01", keys: ["5b0c3f1e-9f6a-4d2b-8e21-1c0d9a7b6e03"], expectedVersion: "3") {
    version removed { key numberInternational } totalPhonesAttached
  }
}

mutation DeleteContacts {
  deleteContacts(customerId: "3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e01", ids: ["e7fcef24-5c03-41dd-9e33-995b7d6f32b1"]) { requestId ids }
}

mutation HangUpCalls {
  hangUpCalls(userId: "@me", extension: "0003*210", phoneCallId: "7d280cc4feae3255a497", phoneNumber: "8887777") { hungUpIds hungUp { id } }
}

mutation DisconnectNumber {
  disconnectNumber(number: "+1 704 555 0123") { number unimported orderFiledNow order { id status numbers } }
}

# Several numbers, one new order for those that have none; at most one order per number.
mutation DisconnectNumbers {
  disconnectNumbers(numbers: ["+1 828 555 0142", "(919) 230-2749"], name: "Delete Number") {
    number unimported orderFiledNow errorCode reason order { id status numbers name disconnectMode }
  }
}

# Paste the order id from DisconnectNumber; the subscription ends when the order is final.
subscription FollowDisconnectOrder {
  disconnectOrder(id: "paste-an-order-id") { id status disconnectedNumbers }
}
`;
