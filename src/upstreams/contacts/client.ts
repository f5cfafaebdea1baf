// Client of the Customer Contacts API v2. Its envelope's `errorCode` tells failure whatever the
// HTTP status, 200 included, so the envelope is read before the status is trusted.
import { z } from 'zod';
import type { ErrorCode } from '../../errors.js';
import { type FailureReading, type UpstreamResponse, upstreamWords } from '../http/errors.js';
import { readErrorBody, type UpstreamReply } from '../http/parse.js';
import { path } from '../http/path.js';
import type { UpstreamHttp } from '../http/transport.js';

const contactSchema = z.object({
  id: z.string().min(1),
  customerId: z.string().min(1),
  type: z.enum(['EMAIL', 'PHONE', 'MOBILE', 'FAX']),
  value: z.string().nullish(),
  name: z.string().nullish(),
  status: z.enum(['ACTIVE', 'DELETED']),
});
export type ContactRecord = z.infer<typeof contactSchema>;

const pageableSchema = z.object({
  page: z.number().int(),
  size: z.number().int(),
  totalPages: z.number().int(),
  totalElements: z.number().int(),
});

const envelopeSchema = z.looseObject({
  errorCode: z.string().nullish(),
  errorMessage: z.string().nullish(),
  // Both optional in seed 003: an acknowledgement may come without its paging.
  content: z.unknown().optional(),
  pageable: z.unknown().optional(),
});

/** Seed 003 types `content` as an Object and shows an array in its sample: either is taken. */
const content = <T extends z.ZodType>(item: T) => z.union([z.array(item), item.transform((one) => [one])]);

const listSchema = z.object({ content: content(contactSchema), pageable: pageableSchema });
const deleteSchema = z.object({ content: content(z.object({ requestId: z.string().min(1) })).refine((items) => items.length > 0) });

export interface ContactPageRecord {
  items: ContactRecord[];
  page: number;
  size: number;
  totalPages: number;
  totalElements: number;
}

const codes: Record<string, { code: ErrorCode; message: string }> = {
  GLOBAL_1001: { code: 'UPSTREAM_UNAVAILABLE', message: 'contacts is unavailable' },
  CUSTOMER_1002: { code: 'NOT_FOUND', message: 'contacts does not know this customer' },
  AUTH_1010: { code: 'FORBIDDEN', message: "contacts allows acting only on the requester's direct sub-customers" },
  CUSTOMER_1017: { code: 'NOT_FOUND', message: 'contacts does not know one of these contact ids; nothing was deleted' },
};

/** The envelope's errorCode, whatever the HTTP status; the codes seed 003 names get their own meaning. */
export function readContactsFailure(response: UpstreamResponse): FailureReading | undefined {
  const envelope = readErrorBody(response, envelopeSchema);
  const errorCode = envelope?.errorCode ?? '';
  if (errorCode === '') return undefined;
  const words = upstreamWords(envelope?.errorMessage);
  const known = codes[errorCode];
  // An envelope with an errorCode is a refusal, and a refused delete deletes nothing (seed 003: all or nothing).
  if (known)
    return { upstreamCode: errorCode, code: known.code, message: words ? `${known.message} (${words})` : known.message, notApplied: true };
  return { upstreamCode: errorCode, detail: words, notApplied: true };
}

export class ContactsClient {
  constructor(private readonly http: UpstreamHttp) {}

  list(customerId: string, page: number, size: number): Promise<ContactPageRecord> {
    return this.http.call({ method: 'GET', path: path`/api/v2/customer/${customerId}/contact`, query: { page, size } }, (reply) => {
      const body = success(reply, listSchema);
      return { items: body.content, ...body.pageable };
    });
  }

  /** Soft-deletes all the contacts or none: one id through the single-contact URL, several through the body form. */
  deleteContacts(customerId: string, ids: string[]): Promise<{ requestId: string }> {
    const [only] = ids;
    const contacts = path`/api/v2/customer/${customerId}/contact`;
    return this.http.call(
      ids.length === 1 && only !== undefined
        ? { method: 'DELETE', path: path`/api/v2/customer/${customerId}/contact/${only}`, invalidates: [contacts] }
        : { method: 'DELETE', path: contacts, body: { contentType: 'application/json', text: JSON.stringify({ id: ids }) } },
      (reply) => success(reply, deleteSchema).content[0] as { requestId: string },
    );
  }
}

/** The envelope is read before the status is trusted: its errorCode tells failure on HTTP 200 too. */
function success<S extends z.ZodType>(reply: UpstreamReply, schema: S): z.infer<S> {
  const envelope = reply.json(envelopeSchema, 'success');
  if ((envelope.errorCode ?? '') !== '') throw reply.failure();
  const checked = schema.safeParse(envelope);
  if (!checked.success) throw reply.bad('the envelope does not hold what was asked for');
  return checked.data;
}
