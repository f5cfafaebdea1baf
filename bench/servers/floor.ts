// The floor: a bare node:http service with no GraphQL that makes the gateway's upstream calls for each
// scenario, in the same rounds, and answers the same JSON. What no gateway on this machine can beat.
import { createServer } from 'node:http';
import {
  announce,
  type CarrierWire,
  type CustomerPhoneWire,
  carrierLookups,
  customerPhoneE164,
  type PhoneNumberWire,
  phoneNumberE164,
  upstreamCalls,
} from './upstream-calls.js';

const calls = upstreamCalls();
const upper = (value: string) => value.toUpperCase();

async function dashboard({ id }: { id: string }) {
  const carrier = carrierLookups(calls);
  const [phones, numbers, contacts] = await Promise.all([calls.phones(id), calls.phoneNumbers(id), calls.contacts(id, 0, 20)]);
  const phone = async (p: CustomerPhoneWire) => {
    const e164 = customerPhoneE164(p);
    const found = await carrier(e164);
    return {
      key: p.key,
      type: upper(p.type),
      numberInternational: p.numberInternational ?? null,
      e164,
      carrier: found && { id: found.id, numberState: found.numberState ?? null },
    };
  };
  const number = async (p: PhoneNumberWire) => {
    const e164 = phoneNumberE164(p);
    const found: CarrierWire | null = await carrier(e164);
    return {
      id: p.phoneNumberId,
      type: upper(p.type),
      name: p.name ?? null,
      isPrimary: p.isPrimary === 'true',
      e164,
      carrier: found && { id: found.id, city: found.city ?? null, state: found.state ?? null },
    };
  };
  const primary = numbers?.find((p) => p.isPrimary === 'true');
  return {
    customer: {
      id,
      phones: phones && { version: phones.version, items: await Promise.all(phones.phones.map(phone)) },
      phoneNumbers: numbers && (await Promise.all(numbers.map(number))),
      primaryPhoneNumber: primary ? { id: primary.phoneNumberId, e164: phoneNumberE164(primary) } : null,
      contacts: contacts && {
        totalElements: contacts.pageable.totalElements,
        items: contacts.content.map((c) => ({ id: c.id, type: c.type, value: c.value ?? null, status: c.status })),
      },
    },
  };
}

async function lists({ id }: { id: string }) {
  const [phones, numbers, contacts] = await Promise.all([calls.phones(id), calls.phoneNumbers(id), calls.contacts(id, 0, 20)]);
  return {
    customer: {
      phones: phones && {
        version: phones.version,
        items: phones.phones.map((p) => ({ key: p.key, type: upper(p.type), numberInternational: p.numberInternational ?? null })),
      },
      phoneNumbers:
        numbers?.map((p) => ({ id: p.phoneNumberId, type: upper(p.type), name: p.name ?? null, isPrimary: p.isPrimary === 'true' })) ??
        null,
      contacts: contacts && {
        totalElements: contacts.pageable.totalElements,
        items: contacts.content.map((c) => ({ id: c.id, type: c.type, value: c.value ?? null, status: c.status })),
      },
    },
  };
}

async function fanout({ ids }: { ids: string[] }) {
  const carrier = carrierLookups(calls);
  const lists = new Map<string, ReturnType<typeof calls.phoneNumbers>>();
  const listOf = (id: string) => lists.get(id) ?? lists.set(id, calls.phoneNumbers(id)).get(id);
  const customer = async (id: string) => {
    const numbers = (await listOf(id)) ?? [];
    const phoneNumbers = await Promise.all(
      numbers.map(async (p) => {
        const e164 = phoneNumberE164(p);
        const found = await carrier(e164);
        return { id: p.phoneNumberId, e164, carrier: found && { id: found.id, numberState: found.numberState ?? null } };
      }),
    );
    return { id, phoneNumbers };
  };
  return { customers: await Promise.all(ids.map(customer)) };
}

async function hangUp({ extension, phoneNumber }: { extension: string; phoneNumber: string }) {
  return { hangUpCalls: { hungUpIds: await calls.hangUp(extension, phoneNumber) } };
}

const scenarios: Record<string, (variables: never) => Promise<unknown>> = {
  '/dashboard': dashboard,
  '/lists': lists,
  '/fanout': fanout,
  '/hangUp': hangUp,
};

announce(
  createServer((req, res) => {
    const scenario = scenarios[req.url ?? ''];
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      if (!scenario) return void res.writeHead(404).end();
      scenario(JSON.parse(body) as never).then(
        (data) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data })),
        (error: unknown) =>
          res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] })),
      );
    });
  }),
);
