// Simulator of the Customer Contacts API v2: an envelope whose errorCode tells failure (also on
// HTTP 200), soft and all-or-nothing deletes, and the one-level sub-customer eligibility rule.
import { randomUUID } from 'node:crypto';
import { demoContacts, RESELLER } from './demo.js';
import { bearerToken, json, type SimulatorOptions, type SimulatorReply, SimulatorServer } from './server.js';

export interface ContactRecord {
  id: string;
  customerId: string;
  type: 'EMAIL' | 'PHONE' | 'MOBILE' | 'FAX';
  value: string;
  name: string;
  status: 'ACTIVE' | 'DELETED';
}

export interface ContactsState {
  parents: Record<string, string>;
  contacts: ContactRecord[];
}

export function contactsState(): ContactsState {
  const demo = demoContacts();
  return { parents: { ...demo.parents }, contacts: demo.contacts.map((c) => ({ ...c }) as ContactRecord) };
}

const messages: Record<string, string> = {
  GLOBAL_1001: 'Service unavailable. Please try again',
  CUSTOMER_1002: 'Customer does not exist',
  AUTH_1010: 'Contact for your account was not found',
  CUSTOMER_1017: 'Unknown Contact ID',
  AUTH_1001: 'Invalid or missing token',
  REQUEST_1000: 'Bad request',
};

const nak = (status: number, errorCode: string, errorMessage = messages[errorCode] ?? errorCode): SimulatorReply =>
  json(status, { errorCode, errorMessage, content: '', pageable: '' });

const ack = (content: unknown[], pageable: { page: number; size: number; totalPages: number; totalElements: number }): SimulatorReply =>
  json(200, { errorCode: '', errorMessage: '', content, pageable });

export async function startContactsSimulator(
  options: SimulatorOptions & { token: string; accountId?: string; state?: ContactsState },
): Promise<SimulatorServer & { state: ContactsState }> {
  const state = options.state ?? contactsState();
  const requester = options.accountId ?? RESELLER;
  const known = (customerId: string) => customerId === requester || customerId in state.parents;
  const isWithin = (customerId: string): boolean => {
    for (let c: string | undefined = customerId; c !== undefined; c = state.parents[c]) if (c === requester) return true;
    return false;
  };

  const deleteContacts = (customerId: string, ids: string[]): SimulatorReply => {
    if (!known(customerId)) return nak(404, 'CUSTOMER_1002');
    // The requester may delete only its direct sub-customers' contacts: not its own, not deeper.
    if (state.parents[customerId] !== requester) return nak(200, 'AUTH_1010');
    const targets = ids.map((id) => state.contacts.find((c) => c.id === id && c.customerId === customerId));
    if (targets.some((t) => t === undefined)) return nak(200, 'CUSTOMER_1017');
    for (const target of targets) if (target) target.status = 'DELETED';
    return ack([{ requestId: randomUUID() }], { page: 0, size: 1, totalPages: 1, totalElements: 1 });
  };

  const hasBody = (body: string) => body.trim() !== '';

  const server = new SimulatorServer(
    {
      authenticate: (headers) => (bearerToken(headers) === options.token ? undefined : nak(401, 'AUTH_1001')),
      notFound: () => nak(404, 'REQUEST_1000', 'No such resource'),
      badRequest: (words) => nak(400, 'REQUEST_1001', words),
      restoreDemo: () => Object.assign(state, contactsState()),
      fault: (fault) => (fault.kind === 'envelope' ? nak(200, fault.errorCode, fault.errorMessage) : undefined),
      routes: [
        {
          method: 'GET',
          pattern: '/api/v2/customer/:customerId/contact',
          handler: ({ params, query }) => {
            const customerId = params.customerId as string;
            const page = Number(query.get('page') ?? '0');
            const size = Number(query.get('size') ?? '20');
            if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1 || size > 100) {
              return nak(400, 'REQUEST_1000', 'page must be 0 or more and size between 1 and 100');
            }
            if (!known(customerId)) return nak(404, 'CUSTOMER_1002');
            if (!isWithin(customerId)) return nak(200, 'AUTH_1010');
            const all = state.contacts.filter((c) => c.customerId === customerId);
            return ack(all.slice(page * size, page * size + size), {
              page,
              size,
              totalPages: Math.ceil(all.length / size),
              totalElements: all.length,
            });
          },
        },
        {
          method: 'DELETE',
          pattern: '/api/v2/customer/:customerId/contact/:contactId',
          handler: ({ params, body }) =>
            hasBody(body)
              ? nak(400, 'REQUEST_1000', 'Contact ids may be given in the URL or in the body, not both')
              : deleteContacts(params.customerId as string, [params.contactId as string]),
        },
        {
          method: 'DELETE',
          pattern: '/api/v2/customer/:customerId/contact',
          handler: ({ params, body }) => {
            let ids: unknown;
            try {
              ids = (JSON.parse(body) as { id?: unknown }).id;
            } catch {
              return nak(400, 'REQUEST_1000', 'The body must be {"id": [...]}');
            }
            if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id): id is string => typeof id === 'string')) {
              return nak(400, 'REQUEST_1000', '"id" must be a non-empty array of contact ids');
            }
            return deleteContacts(params.customerId as string, ids);
          },
        },
      ],
    },
    options,
  );
  await server.listen(options.host, options.port);
  return Object.assign(server, { state });
}
