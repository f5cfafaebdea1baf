// Client of the Customer Services Phone Number API v1.0; turns its string booleans and
// lower-case types into typed values, and back.
import { z } from 'zod';
import { path } from '../http/path.js';
import type { UpstreamHttp } from '../http/transport.js';

const phoneNumberTypes = ['emergency', 'fax', 'home', 'mobile', 'work'] as const;
type PhoneNumberKind = (typeof phoneNumberTypes)[number];

const wireSchema = z.object({
  phoneNumberId: z.string().min(1),
  name: z.string().nullish(),
  countryCode: z.string().nullish(),
  areaCode: z.string().nullish(),
  type: z
    .string()
    .transform((t) => t.toLowerCase())
    .pipe(z.enum(phoneNumberTypes)),
  phoneNumber: z.string(),
  isPrimary: z.enum(['true', 'false']).transform((v) => v === 'true'),
});
const wireListSchema = z.array(wireSchema);

export interface PhoneNumberRecord {
  id: string;
  customerId: string;
  type: PhoneNumberKind;
  name: string | null;
  countryCode: string | null;
  areaCode: string | null;
  phoneNumber: string;
  isPrimary: boolean;
}

export interface PhoneNumberWrite {
  type: PhoneNumberKind;
  name?: string | null | undefined;
  countryCode?: string | null | undefined;
  areaCode?: string | null | undefined;
  phoneNumber: string;
  isPrimary: boolean;
}

const fromWire =
  (customerId: string) =>
  (wire: z.infer<typeof wireSchema>): PhoneNumberRecord => ({
    id: wire.phoneNumberId,
    customerId,
    type: wire.type,
    name: wire.name ?? null,
    countryCode: wire.countryCode ?? null,
    areaCode: wire.areaCode ?? null,
    phoneNumber: wire.phoneNumber,
    isPrimary: wire.isPrimary,
  });

function toWire(input: PhoneNumberWrite, id?: string): string {
  return JSON.stringify({
    ...(id !== undefined ? { phoneNumberId: id } : {}),
    ...(input.name != null ? { name: input.name } : {}),
    ...(input.countryCode != null ? { countryCode: input.countryCode } : {}),
    ...(input.areaCode != null ? { areaCode: input.areaCode } : {}),
    type: input.type,
    phoneNumber: input.phoneNumber,
    isPrimary: input.isPrimary ? 'true' : 'false',
  });
}

export class PhoneNumbersClient {
  constructor(private readonly http: UpstreamHttp) {}

  list(customerId: string): Promise<PhoneNumberRecord[]> {
    return this.http.call({ method: 'GET', path: path`/customers/${customerId}/phoneNumbers` }, (reply) =>
      reply.json(wireListSchema).map(fromWire(customerId)),
    );
  }

  get(customerId: string, id: string): Promise<PhoneNumberRecord> {
    return this.http.call({ method: 'GET', path: path`/customers/${customerId}/phoneNumbers/${id}` }, (reply) =>
      fromWire(customerId)(reply.json(wireSchema)),
    );
  }

  /** Creates the number; on a 2xx without the object in the body, reads it back from its Location. */
  async create(customerId: string, input: PhoneNumberWrite): Promise<PhoneNumberRecord> {
    const created = await this.http.call(
      {
        method: 'POST',
        path: path`/customers/${customerId}/phoneNumbers`,
        body: { contentType: 'application/json', text: toWire(input) },
      },
      (reply) => {
        reply.expect();
        if (!reply.empty) return fromWire(customerId)(reply.parse(wireSchema));
        const id = reply.locationId();
        if (id === undefined) throw reply.bad('created a phone number but sent neither it nor a Location');
        return id;
      },
    );
    return typeof created === 'string' ? this.get(customerId, created) : created;
  }

  /** Replaces the number; on a 2xx without the object in the body (204), reads it back. */
  async update(customerId: string, id: string, input: PhoneNumberWrite): Promise<PhoneNumberRecord> {
    const updated = await this.http.call(
      {
        method: 'PUT',
        path: path`/customers/${customerId}/phoneNumbers/${id}`,
        body: { contentType: 'application/json', text: toWire(input, id) },
        // Making one primary changes the others: the customer's whole list.
        invalidates: [path`/customers/${customerId}/phoneNumbers`],
      },
      (reply) => (reply.expect().empty ? null : fromWire(customerId)(reply.parse(wireSchema))),
    );
    return updated ?? this.get(customerId, id);
  }

  remove(customerId: string, id: string): Promise<void> {
    return this.http.call(
      {
        method: 'DELETE',
        path: path`/customers/${customerId}/phoneNumbers/${id}`,
        invalidates: [path`/customers/${customerId}/phoneNumbers`],
      },
      (reply) => {
        reply.expect();
      },
    );
  }
}
