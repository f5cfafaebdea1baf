// A read of each upstream, keyed by the registry's names (TypeScript names an upstream that has none), next
// to a field from another upstream that must survive its failure. The dashboard's needs an order with the
// id "fault-suite-order" in its simulator (placeOrder).
import type { UpstreamName } from '../../src/config.js';
import { ACME, KIWI } from '../../src/simulators/demo.js';

export interface Read {
  query: string;
  failed: (data: Data) => unknown;
  survived: (data: Data) => unknown;
}
export type Data = Record<string, { [field: string]: unknown } | null>;

/** A read of each upstream, next to a field from another upstream that must survive its failure. */
export const reads: Record<UpstreamName, Read> = {
  customerPhones: {
    query: `{ customer(id: "${ACME}") { phones { version } phoneNumbers { id } } }`,
    failed: (d) => d.customer?.phones,
    survived: (d) => d.customer?.phoneNumbers,
  },
  phoneNumbers: {
    query: `{ customer(id: "${ACME}") { phoneNumbers { id } phones { version } } }`,
    failed: (d) => d.customer?.phoneNumbers,
    survived: (d) => d.customer?.phones,
  },
  catapult: {
    query: `{ carrierNumber(number: "+19192302749") { id } customer(id: "${KIWI}") { phones { version } } }`,
    failed: (d) => d.carrierNumber,
    survived: (d) => d.customer?.phones,
  },
  dashboard: {
    query: `{ disconnectOrder(id: "fault-suite-order") { id } customer(id: "${KIWI}") { phones { version } } }`,
    failed: (d) => d.disconnectOrder,
    survived: (d) => d.customer?.phones,
  },
  contacts: {
    query: `{ customer(id: "${ACME}") { contacts { totalElements } phones { version } } }`,
    failed: (d) => d.customer?.contacts,
    survived: (d) => d.customer?.phones,
  },
  uapi: {
    query: `{ phoneCalls(extension: "@self") { id } customer(id: "${KIWI}") { phones { version } } }`,
    failed: (d) => d.phoneCalls,
    survived: (d) => d.customer?.phones,
  },
};
