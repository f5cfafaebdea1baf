// Simulator of the Customer Phones API v1: per-customer phone lists with a version, and an
// all-or-nothing, optionally version-checked batch delete; failures as RFC 7807 problem details.
import { randomUUID } from 'node:crypto';
import { demoCustomerPhones } from './demo.js';
import { bearerToken, json, type SimulatorOptions, type SimulatorReply, SimulatorServer } from './server.js';

export interface CustomerPhone {
  key: string;
  type: 'Unknown' | 'Phone' | 'Mobile';
  country: string;
  numberLocal: string;
  numberInternational: string;
}

export interface CustomerPhonesState {
  customers: Map<string, { version: string; phones: CustomerPhone[] }>;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function problem(
  status: number,
  title: string,
  detail: string,
  instance: string,
  extensions: Record<string, unknown> = {},
): SimulatorReply {
  return json(
    status,
    { type: `https://httpstatuses.io/${status}`, title, status, detail, instance, extensions },
    'application/problem+json; charset=utf-8',
  );
}

export function customerPhonesState(): CustomerPhonesState {
  const demo = demoCustomerPhones();
  return {
    customers: new Map(
      Object.entries(demo).map(([id, c]) => [id, { version: c.version, phones: c.phones.map((p) => ({ ...p }) as CustomerPhone) }]),
    ),
  };
}

export async function startCustomerPhonesSimulator(
  options: SimulatorOptions & { token: string; state?: CustomerPhonesState },
): Promise<SimulatorServer & { state: CustomerPhonesState }> {
  const state = options.state ?? customerPhonesState();
  const instance = (customerId: string) => `/v1/customers/${customerId}/phones#${randomUUID()}`;

  const findCustomer = (customerId: string) => {
    if (!uuid.test(customerId))
      return { refused: problem(400, 'Invalid customer id', 'The customer id must be a UUID.', instance(customerId)) };
    const customer = state.customers.get(customerId.toLowerCase());
    if (!customer) return { refused: problem(404, 'Customer not found', `No customer ${customerId}.`, instance(customerId)) };
    return { customer };
  };

  const server = new SimulatorServer(
    {
      authenticate: (headers) =>
        bearerToken(headers) === options.token ? undefined : problem(401, 'Unauthorized', 'A valid bearer token is required.', '/v1'),
      notFound: () => problem(404, 'Not found', 'No such resource.', '/v1'),
      badRequest: (words) => problem(400, 'Bad request', words, '/v1'),
      restoreDemo: () => Object.assign(state, customerPhonesState()),
      routes: [
        {
          method: 'GET',
          pattern: '/v1/customers/:customerId/phones',
          handler: ({ params }) => {
            const found = findCustomer(params.customerId as string);
            if (found.refused) return found.refused;
            return json(200, { customerId: params.customerId, version: found.customer.version, phones: found.customer.phones });
          },
        },
        {
          method: 'DELETE',
          pattern: '/v1/customers/:customerId/phones',
          handler: ({ params, query, body }) => {
            const customerId = params.customerId as string;
            const found = findCustomer(customerId);
            if (found.refused) return found.refused;
            const { customer } = found;
            let keys: unknown;
            try {
              keys = (JSON.parse(body) as { keys?: unknown }).keys;
            } catch {
              return problem(400, 'Invalid request body', 'The body must be JSON: {"keys": [...]}.', instance(customerId));
            }
            if (!Array.isArray(keys) || !keys.every((k): k is string => typeof k === 'string')) {
              return problem(400, 'Invalid request body', '"keys" must be an array of strings.', instance(customerId));
            }
            if (keys.length === 0) return problem(400, 'Invalid request body', '"keys" must not be empty.', instance(customerId));
            const version = query.get('version');
            if (version !== null && version !== customer.version) {
              return problem(400, 'Version conflict', `Version ${version} is not the current version.`, instance(customerId), {
                currentVersion: customer.version,
              });
            }
            const unknown = keys.filter((k) => !customer.phones.some((p) => p.key === k));
            if (unknown.length > 0) {
              return problem(
                400,
                'Unknown phone key',
                `Unknown key(s): ${unknown.join(', ')}. Nothing was removed.`,
                instance(customerId),
                {
                  unknownKeys: unknown,
                },
              );
            }
            const wanted = new Set(keys);
            const removed = customer.phones.filter((p) => wanted.has(p.key));
            customer.phones = customer.phones.filter((p) => !wanted.has(p.key));
            customer.version = String(Number(customer.version) + 1);
            return json(200, {
              customerId,
              version: customer.version,
              phonesRemoved: removed,
              totalPhonesAttached: customer.phones.length,
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
