// Simulator of Bandwidth's Dashboard API (XML): disconnect orders that advance
// RECEIVED → PROCESSING → COMPLETE (or PARTIAL/FAILED) over time, and callbacks on every change.
import { randomUUID } from 'node:crypto';
import { request } from 'undici';
import { parseXml, xmlBuilder, xmlDeclaration } from '../upstreams/dashboard/xml.js';
import { basicCredentials } from '../upstreams/http/request.js';
import { demoDashboardNumbers } from './demo.js';
import { type SimulatorOptions, type SimulatorReply, SimulatorServer } from './server.js';

export type OrderStatus = 'RECEIVED' | 'PROCESSING' | 'COMPLETE' | 'PARTIAL' | 'FAILED';

export interface DisconnectOrderRecord {
  id: string;
  /** The `<id>` the creating POST answered with; differs from `id`, as in the document's sample. */
  requestId: string;
  name: string;
  createdAt: string;
  numbers: string[];
  disconnected: string[];
  status: OrderStatus;
}

export interface DashboardState {
  /** Numbers billed on the account, 10-digit national. */
  inventory: Set<string>;
  orders: Map<string, DisconnectOrderRecord>;
}

export interface CallbackTarget {
  url: string;
  username: string;
  password: string;
}

export function dashboardState(): DashboardState {
  return { inventory: new Set(demoDashboardNumbers()), orders: new Map() };
}

function xml(status: number, root: string, content: Record<string, unknown>, headers: Record<string, string> = {}): SimulatorReply {
  return {
    status,
    headers: { 'content-type': 'application/xml; charset=utf-8', ...headers },
    body: xmlDeclaration + xmlBuilder.build({ [root]: content }),
  };
}

const errorReply = (status: number, code: number, description: string) =>
  xml(status, 'DisconnectTelephoneNumberOrderResponse', { ResponseStatus: { ErrorCode: code, Description: description } });

function orderRequest(order: DisconnectOrderRecord, id: string) {
  return {
    OrderCreateDate: order.createdAt,
    id,
    ...(order.name ? { name: order.name } : {}),
    DisconnectTelephoneNumberOrderType: { TelephoneNumberList: { TelephoneNumber: order.numbers }, DisconnectMode: 'normal' },
  };
}

export interface DashboardSimulator extends SimulatorServer {
  state: DashboardState;
  /** Moves an order one step forward (what the timer does when orderStepMs is set). */
  advanceOrder(id: string): Promise<void>;
  setCallback(target: CallbackTarget | undefined): void;
  /** Callbacks sent, with the status each reported. */
  callbacksSent: { orderId: string; status: OrderStatus; httpStatus: number | undefined }[];
}

export async function startDashboardSimulator(
  options: SimulatorOptions & {
    accountId: string;
    username: string;
    password: string;
    /** Time between an order's steps; 'manual' leaves stepping to advanceOrder(). */
    orderStepMs?: number | 'manual';
    callback?: CallbackTarget | undefined;
    state?: DashboardState;
  },
): Promise<DashboardSimulator> {
  const state = options.state ?? dashboardState();
  let callback = options.callback;
  const timers = new Set<NodeJS.Timeout>();
  const callbacksSent: DashboardSimulator['callbacksSent'] = [];

  const notify = async (order: DisconnectOrderRecord) => {
    if (!callback) return;
    const body =
      xmlDeclaration +
      xmlBuilder.build({
        Notification: { OrderType: 'disconnects', OrderId: order.id, Status: order.status, Message: `Disconnect order is ${order.status}` },
      });
    const sent = { orderId: order.id, status: order.status, httpStatus: undefined as number | undefined };
    callbacksSent.push(sent);
    try {
      const res = await request(callback.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/xml; charset=utf-8',
          authorization: `Basic ${Buffer.from(`${callback.username}:${callback.password}`).toString('base64')}`,
        },
        body,
        headersTimeout: 5000,
        bodyTimeout: 5000,
      });
      sent.httpStatus = res.statusCode;
      await res.body.dump();
    } catch {
      // A subscriber that is down misses the notification; it is a hint, and the order can still be read.
    }
  };

  const advanceOrder = async (id: string) => {
    const order = state.orders.get(id);
    if (!order) throw new Error(`no order ${id}`);
    if (order.status === 'RECEIVED') {
      order.status = 'PROCESSING';
    } else if (order.status === 'PROCESSING') {
      order.disconnected = order.numbers.filter((n) => state.inventory.has(n));
      for (const n of order.disconnected) state.inventory.delete(n);
      order.status =
        order.disconnected.length === order.numbers.length ? 'COMPLETE' : order.disconnected.length === 0 ? 'FAILED' : 'PARTIAL';
    } else {
      return;
    }
    await notify(order);
  };

  const schedule = (id: string) => {
    if (options.orderStepMs === 'manual') return;
    const step = options.orderStepMs ?? 1000;
    const tick = () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        // A demo reset may have cleared the order since.
        if (!state.orders.has(id)) return;
        void advanceOrder(id).then(() => {
          const status = state.orders.get(id)?.status;
          if (status === 'RECEIVED' || status === 'PROCESSING') tick();
        });
      }, step);
      timer.unref();
      timers.add(timer);
    };
    tick();
  };

  const forOwnAccount = (accountId: string, then: () => SimulatorReply) =>
    accountId === options.accountId ? then() : errorReply(403, 1001, 'Access to this account is denied.');

  const server: SimulatorServer = new SimulatorServer(
    {
      authenticate: (headers) => {
        const credentials = basicCredentials(headers.authorization);
        return credentials?.user === options.username && credentials.password === options.password ? undefined : { status: 401 };
      },
      notFound: () => errorReply(404, 1002, 'Resource not found.'),
      badRequest: (words) => errorReply(400, 1003, words),
      // Orders are the Dashboard's history, not demo data: the numbers that can be disconnected come back.
      restoreDemo: () => Object.assign(state, { inventory: dashboardState().inventory }),
      routes: [
        {
          method: 'POST',
          pattern: '/accounts/:accountId/disconnects',
          handler: ({ params, headers, body }): SimulatorReply =>
            forOwnAccount(params.accountId as string, () => {
              if (!headers['content-type']?.startsWith('application/xml'))
                return errorReply(415, 1003, 'Content-Type must be application/xml.');
              const parsed = parseXml(body);
              const root = parsed?.DisconnectTelephoneNumberOrder as Record<string, unknown> | undefined;
              if (!root || typeof root !== 'object') return errorReply(400, 1003, 'The body is not a DisconnectTelephoneNumberOrder.');
              const type = root.DisconnectTelephoneNumberOrderType as { TelephoneNumberList?: { TelephoneNumber?: unknown } } | undefined;
              const numbers = type?.TelephoneNumberList?.TelephoneNumber;
              if (!Array.isArray(numbers) || numbers.length === 0) return errorReply(400, 5001, 'The TelephoneNumberList is empty.');
              const invalid = numbers.find((n) => typeof n !== 'string' || !/^\d{10}$/.test(n));
              if (invalid !== undefined) return errorReply(400, 5002, `Telephone number ${String(invalid)} is not a 10-digit number.`);
              const order: DisconnectOrderRecord = {
                id: randomUUID(),
                requestId: randomUUID(),
                name: typeof root.name === 'string' ? root.name : '',
                createdAt: new Date().toISOString(),
                numbers: numbers as string[],
                disconnected: [],
                status: 'RECEIVED',
              };
              state.orders.set(order.id, order);
              schedule(order.id);
              return xml(
                201,
                'DisconnectTelephoneNumberOrderResponse',
                { orderRequest: orderRequest(order, order.requestId), OrderStatus: order.status },
                { location: `${server.url}/accounts/${options.accountId}/disconnects/${order.id}` },
              );
            }),
        },
        {
          method: 'GET',
          pattern: '/accounts/:accountId/disconnects/:orderId',
          handler: ({ params }) =>
            forOwnAccount(params.accountId as string, () => {
              const order = state.orders.get(params.orderId as string);
              if (!order) return errorReply(404, 5004, `Disconnect order ${params.orderId} was not found.`);
              return xml(200, 'DisconnectTelephoneNumberOrderResponse', {
                ...(order.disconnected.length > 0 ? { DisconnectedTelephoneNumberList: { TelephoneNumber: order.disconnected } } : {}),
                orderRequest: orderRequest(order, order.id),
                OrderStatus: order.status,
              });
            }),
        },
      ],
    },
    options,
  );
  await server.listen(options.host, options.port);
  const close = server.close.bind(server);
  return Object.assign(server, {
    state,
    advanceOrder,
    callbacksSent,
    setCallback: (target: CallbackTarget | undefined) => {
      callback = target;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      await close();
    },
  });
}
