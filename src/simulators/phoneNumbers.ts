// Simulator of the Customer Services Phone Number API v1.0: CRUD of a customer's phone numbers,
// string booleans on the wire, the document's length limits, and at most one primary number a customer.
import { demoPhoneNumbers } from './demo.js';
import { json, type SimulatorOptions, type SimulatorReply, SimulatorServer } from './server.js';

export interface WirePhoneNumber {
  phoneNumberId: string;
  name?: string;
  countryCode?: string;
  areaCode?: string;
  type: string;
  phoneNumber: string;
  isPrimary: 'true' | 'false';
}

export interface PhoneNumbersState {
  customers: Map<string, WirePhoneNumber[]>;
  nextId: number;
}

const types = ['emergency', 'fax', 'home', 'mobile', 'work'];
const limits = { name: 50, phoneNumber: 75, areaCode: 4, countryCode: 4 } as const;

function problem(status: number, title: string, detail: string, instance: string): SimulatorReply {
  return json(status, { type: `https://httpstatuses.io/${status}`, title, status, detail, instance }, 'application/problem+json');
}

export function phoneNumbersState(): PhoneNumbersState {
  return {
    customers: new Map(Object.entries(demoPhoneNumbers()).map(([id, list]) => [id, list.map((p) => ({ ...p }) as WirePhoneNumber)])),
    nextId: 1000100,
  };
}

/** Checks a Phone Number object from a request body; returns the problem or the stored form. */
function validate(
  body: string,
  instance: string,
): { refused: SimulatorReply } | { value: Omit<WirePhoneNumber, 'phoneNumberId'> & { phoneNumberId?: unknown } } {
  let input: Record<string, unknown>;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    input = parsed as Record<string, unknown>;
  } catch {
    return { refused: problem(400, 'Invalid request body', 'The body must be a Phone Number object.', instance) };
  }
  const bad = (detail: string) => ({ refused: problem(400, 'Validation failed', detail, instance) });
  if (typeof input.type !== 'string' || !types.includes(input.type.toLowerCase())) return bad(`type must be one of ${types.join(', ')}.`);
  if (typeof input.phoneNumber !== 'string' || input.phoneNumber.trim() === '') return bad('phoneNumber is required.');
  for (const [field, max] of Object.entries(limits)) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return bad(`${field} must be a string.`);
    if (value.length > max) return bad(`${field} must be at most ${max} characters.`);
  }
  const isPrimary = input.isPrimary ?? 'false';
  if (isPrimary !== 'true' && isPrimary !== 'false') return bad("isPrimary must be 'true' or 'false'.");
  return {
    value: {
      phoneNumberId: input.phoneNumberId,
      ...(typeof input.name === 'string' ? { name: input.name } : {}),
      ...(typeof input.countryCode === 'string' ? { countryCode: input.countryCode } : {}),
      ...(typeof input.areaCode === 'string' ? { areaCode: input.areaCode } : {}),
      type: input.type.toLowerCase(),
      phoneNumber: input.phoneNumber,
      isPrimary,
    },
  };
}

export async function startPhoneNumbersSimulator(
  options: SimulatorOptions & { subscriptionKey: string; state?: PhoneNumbersState },
): Promise<SimulatorServer & { state: PhoneNumbersState }> {
  const state = options.state ?? phoneNumbersState();

  const withCustomer = (customerId: string, instance: string, then: (list: WirePhoneNumber[]) => SimulatorReply): SimulatorReply => {
    const list = state.customers.get(customerId);
    return list ? then(list) : problem(404, 'Customer not found', `No customer ${customerId}.`, instance);
  };
  const withNumber = (customerId: string, id: string, instance: string, then: (list: WirePhoneNumber[], index: number) => SimulatorReply) =>
    withCustomer(customerId, instance, (list) => {
      const index = list.findIndex((p) => p.phoneNumberId === id);
      return index < 0
        ? problem(404, 'Phone number not found', `No phone number ${id} for customer ${customerId}.`, instance)
        : then(list, index);
    });
  const keepOnePrimary = (list: WirePhoneNumber[], primary: WirePhoneNumber) => {
    if (primary.isPrimary !== 'true') return;
    for (const other of list) if (other !== primary) other.isPrimary = 'false';
  };

  const server = new SimulatorServer(
    {
      authenticate: (headers) =>
        headers['ocp-apim-subscription-key'] === options.subscriptionKey
          ? undefined
          : json(401, {
              statusCode: 401,
              message: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
            }),
      notFound: () => problem(404, 'Not found', 'No such resource.', '/'),
      badRequest: (words) => problem(400, 'Bad request', words, '/'),
      restoreDemo: () => Object.assign(state, phoneNumbersState()),
      routes: [
        {
          method: 'GET',
          pattern: '/customers/:customerId/phoneNumbers',
          handler: ({ params }) =>
            withCustomer(params.customerId as string, `/customers/${params.customerId}/phoneNumbers`, (list) => json(200, list)),
        },
        {
          method: 'POST',
          pattern: '/customers/:customerId/phoneNumbers',
          handler: ({ params, body }) => {
            const customerId = params.customerId as string;
            const instance = `/customers/${customerId}/phoneNumbers`;
            return withCustomer(customerId, instance, (list) => {
              const checked = validate(body, instance);
              if ('refused' in checked) return checked.refused;
              if (checked.value.phoneNumberId !== undefined)
                return problem(400, 'Validation failed', 'phoneNumberId is assigned by the API.', instance);
              const created: WirePhoneNumber = { ...checked.value, phoneNumberId: String(state.nextId++) };
              list.push(created);
              keepOnePrimary(list, created);
              const reply = json(201, created);
              return { ...reply, headers: { ...reply.headers, location: `${instance}/${created.phoneNumberId}` } };
            });
          },
        },
        {
          method: 'GET',
          pattern: '/customers/:customerId/phoneNumbers/:phoneNumberId',
          handler: ({ params }) => {
            const { customerId = '', phoneNumberId = '' } = params;
            return withNumber(customerId, phoneNumberId, `/customers/${customerId}/phoneNumbers/${phoneNumberId}`, (list, i) =>
              json(200, list[i]),
            );
          },
        },
        {
          method: 'PUT',
          pattern: '/customers/:customerId/phoneNumbers/:phoneNumberId',
          handler: ({ params, body }) => {
            const { customerId = '', phoneNumberId = '' } = params;
            const instance = `/customers/${customerId}/phoneNumbers/${phoneNumberId}`;
            return withNumber(customerId, phoneNumberId, instance, (list, i) => {
              const checked = validate(body, instance);
              if ('refused' in checked) return checked.refused;
              if (checked.value.phoneNumberId !== undefined && checked.value.phoneNumberId !== phoneNumberId) {
                return problem(400, 'Validation failed', 'phoneNumberId in the body differs from the one in the path.', instance);
              }
              const updated: WirePhoneNumber = { ...checked.value, phoneNumberId };
              list[i] = updated;
              keepOnePrimary(list, updated);
              return json(200, updated);
            });
          },
        },
        {
          method: 'DELETE',
          pattern: '/customers/:customerId/phoneNumbers/:phoneNumberId',
          handler: ({ params }) => {
            const { customerId = '', phoneNumberId = '' } = params;
            return withNumber(customerId, phoneNumberId, `/customers/${customerId}/phoneNumbers/${phoneNumberId}`, (list, i) => {
              list.splice(i, 1);
              return { status: 204 };
            });
          },
        },
      ],
    },
    options,
  );
  await server.listen(options.host, options.port);
  return Object.assign(server, { state });
}
