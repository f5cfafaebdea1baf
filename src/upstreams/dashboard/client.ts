// Client of Bandwidth's Dashboard API (XML): create a disconnect order and read its status.
import { z } from 'zod';
import { UpstreamError } from '../../errors.js';
import { type FailureReading, type UpstreamResponse, upstreamWords } from '../http/errors.js';
import type { UpstreamReply } from '../http/parse.js';
import { path } from '../http/path.js';
import type { UpstreamHttp } from '../http/transport.js';
import { parseXml, xmlBuilder, xmlDeclaration } from './xml.js';

export const orderStatuses = ['RECEIVED', 'PROCESSING', 'COMPLETE', 'PARTIAL', 'FAILED'] as const;
export type OrderStatus = (typeof orderStatuses)[number];
export const finalStatuses: ReadonlySet<OrderStatus> = new Set(['COMPLETE', 'PARTIAL', 'FAILED']);

export interface DisconnectOrderRecord {
  id: string;
  status: OrderStatus;
  /** 10-digit national numbers, as the Dashboard has them. */
  numbers: string[];
  disconnectedNumbers: string[];
  createdAt: string | null;
  /** The order's <name>, as filed. */
  name: string | null;
  /** <DisconnectMode>, e.g. normal. */
  disconnectMode: string | null;
}

const numberList = z
  .object({ TelephoneNumber: z.array(z.string()) })
  .or(z.literal('').transform(() => ({ TelephoneNumber: [] as string[] })));

const orderSchema = z.object({
  DisconnectTelephoneNumberOrderResponse: z.object({
    OrderStatus: z.enum(orderStatuses),
    DisconnectedTelephoneNumberList: numberList.optional(),
    orderRequest: z
      .object({
        OrderCreateDate: z.string().optional(),
        id: z.string().optional(),
        name: z.string().optional(),
        Name: z.string().optional(),
        DisconnectTelephoneNumberOrderType: z.object({ TelephoneNumberList: numberList, DisconnectMode: z.string().optional() }).optional(),
      })
      .optional(),
  }),
});

const errorSchema = z.object({
  DisconnectTelephoneNumberOrderResponse: z.object({
    ResponseStatus: z.object({ ErrorCode: z.string().optional(), Description: z.string().optional() }),
  }),
});

const xmlTypes = new Set(['application/xml', 'text/xml']);

function readXml(reply: UpstreamReply): Record<string, unknown> {
  if (!xmlTypes.has(reply.mediaType)) throw reply.bad(`expected XML, got ${reply.mediaType || 'no content type'}`);
  const parsed = parseXml(reply.text);
  if (!parsed) throw reply.bad('body is not well-formed XML');
  return parsed;
}

function toOrder(id: string, reply: UpstreamReply): DisconnectOrderRecord {
  const checked = orderSchema.safeParse(readXml(reply));
  if (!checked.success) throw reply.bad('not a DisconnectTelephoneNumberOrderResponse');
  const order = checked.data.DisconnectTelephoneNumberOrderResponse;
  const request = order.orderRequest;
  return {
    id,
    status: order.OrderStatus,
    numbers: request?.DisconnectTelephoneNumberOrderType?.TelephoneNumberList.TelephoneNumber ?? [],
    disconnectedNumbers: order.DisconnectedTelephoneNumberList?.TelephoneNumber ?? [],
    createdAt: request?.OrderCreateDate ?? null,
    name: request?.name ?? request?.Name ?? null,
    disconnectMode: request?.DisconnectTelephoneNumberOrderType?.DisconnectMode ?? null,
  };
}

/** Its errors are a <ResponseStatus> with <ErrorCode> and <Description> inside the response element. */
export function readDashboardFailure(response: UpstreamResponse): FailureReading {
  const parsed = xmlTypes.has(response.mediaType) ? parseXml(response.text) : undefined;
  const checked = errorSchema.safeParse(parsed);
  const status = checked.success ? checked.data.DisconnectTelephoneNumberOrderResponse.ResponseStatus : undefined;
  return { upstreamCode: status?.ErrorCode, detail: upstreamWords(status?.Description) };
}

export class DashboardClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly accountId: string,
  ) {}

  /** Files a disconnect order for 10-digit national numbers. Never retried: a second POST files a second order. */
  createDisconnectOrder(nationalNumbers: string[], name = 'Switchboard disconnect'): Promise<DisconnectOrderRecord> {
    const body =
      xmlDeclaration +
      xmlBuilder.build({
        DisconnectTelephoneNumberOrder: {
          name,
          DisconnectTelephoneNumberOrderType: { TelephoneNumberList: { TelephoneNumber: nationalNumbers } },
        },
      });
    return this.http.call(
      {
        method: 'POST',
        path: path`/accounts/${this.accountId}/disconnects`,
        body: { contentType: 'application/xml; charset=utf-8', text: body },
      },
      (reply) => {
        const id = reply.expect().locationId();
        if (!id) {
          throw new UpstreamError(
            'UPSTREAM_BAD_RESPONSE',
            reply.upstream,
            `${reply.upstream} created a disconnect order but sent no Location to find it by`,
            {
              status: reply.status,
              outcomeUnknown: true,
            },
          );
        }
        // The order id is the one in Location; the body's <id> may differ (it does in the document's own sample).
        // A 2xx with a Location means the order exists: a body that does not parse must not make the caller file it again.
        try {
          const order = toOrder(id, reply);
          // Neither of seed 002's answers repeats the name: the one sent is kept.
          return { ...order, name: order.name ?? name };
        } catch {
          return { id, status: 'RECEIVED', numbers: nationalNumbers, disconnectedNumbers: [], createdAt: null, name, disconnectMode: null };
        }
      },
    );
  }

  /** The order, or null when the Dashboard does not know it (404). */
  getDisconnectOrder(orderId: string): Promise<DisconnectOrderRecord | null> {
    return this.http.call({ method: 'GET', path: path`/accounts/${this.accountId}/disconnects/${orderId}` }, (reply) =>
      reply.status === 404 ? null : toOrder(orderId, reply.expect(200)),
    );
  }
}
