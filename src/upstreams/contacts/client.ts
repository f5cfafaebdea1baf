// Client of the Customer Contacts API v2. Its envelope's `errorCode` tells failure whatever the
// HTTP status, 200 included, so the envelope is read before the status is trusted.
import { z } from 'zod';
import { type ErrorCode, UpstreamError } from '../../errors.js';
import {
  badResponse,
  parseJson,
  path,
  readErrorBody,
  statusError,
  succeeded,
  type UpstreamHttp,
  type UpstreamResponse,
  upstreamWords,
} from '../http.js';

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
  content: z.unknown(),
  pageable: z.unknown(),
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

export class ContactsClient {
  constructor(private readonly http: UpstreamHttp) {}

  list(customerId: string, page: number, size: number): Promise<ContactPageRecord> {
    return this.http.call({ method: 'GET', path: path`/api/v2/customer/${customerId}/contact`, query: { page, size } }, (response) => {
      const body = this.success(response, listSchema);
      return { items: body.content, ...body.pageable };
    });
  }

  /** Soft-deletes all the contacts or none: one id through the single-contact URL, several through the body form. */
  deleteContacts(customerId: string, ids: string[]): Promise<{ requestId: string }> {
    const [only] = ids;
    return this.http.call(
      ids.length === 1 && only !== undefined
        ? { method: 'DELETE', path: path`/api/v2/customer/${customerId}/contact/${only}` }
        : {
            method: 'DELETE',
            path: path`/api/v2/customer/${customerId}/contact`,
            body: { contentType: 'application/json', text: JSON.stringify({ id: ids }) },
          },
      (response) => this.success(response, deleteSchema).content[0] as { requestId: string },
    );
  }

  private success<S extends z.ZodType>(response: UpstreamResponse, schema: S): z.infer<S> {
    // On 200 the body must be an envelope; on an error status it may be anything (a proxy's page), and the status speaks.
    const envelope = succeeded(response) ? parseJson('contacts', response, envelopeSchema) : readErrorBody(response, envelopeSchema);
    const errorCode = envelope?.errorCode ?? '';
    if (errorCode !== '') throw this.failure(response, errorCode, envelope?.errorMessage);
    if (!succeeded(response)) {
      throw response.status >= 400
        ? statusError('contacts', response)
        : badResponse('contacts', `unexpected HTTP ${response.status}`, response.status);
    }
    const checked = schema.safeParse(envelope);
    if (!checked.success) throw badResponse('contacts', 'the envelope does not hold what was asked for', response.status);
    return checked.data;
  }

  private failure(response: UpstreamResponse, errorCode: string, errorMessage: string | null | undefined): UpstreamError {
    const known = codes[errorCode];
    const words = upstreamWords(errorMessage);
    if (known) {
      return new UpstreamError(known.code, 'contacts', words ? `${known.message} (${words})` : known.message, {
        upstreamCode: errorCode,
        status: response.status,
      });
    }
    if (response.status >= 400) return statusError('contacts', response, errorCode, words);
    return new UpstreamError('UPSTREAM_BAD_RESPONSE', 'contacts', `contacts reported an unknown failure ${errorCode}`, {
      upstreamCode: errorCode,
      status: response.status,
    });
  }
}
