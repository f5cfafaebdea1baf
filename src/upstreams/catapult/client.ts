// Client of catapult, Bandwidth's Voice & Messaging API v1: find an imported number by E.164, un-import it.
import { z } from 'zod';
import { toE164 } from '../../phone.js';
import { type FailureReading, type UpstreamResponse, upstreamWords } from '../http/errors.js';
import { readErrorBody } from '../http/parse.js';
import { path } from '../http/path.js';
import type { UpstreamHttp } from '../http/transport.js';

const numberSchema = z.object({
  id: z.string().min(1),
  number: z.string().min(1),
  nationalNumber: z.string().nullish(),
  name: z.string().nullish(),
  application: z.string().nullish(),
  applicationId: z.string().nullish(),
  createdTime: z.string().nullish(),
  city: z.string().nullish(),
  state: z.string().nullish(),
  price: z.string().nullish(),
  numberState: z.string().nullish(),
});
export type CarrierNumberRecord = z.infer<typeof numberSchema>;

const failureSchema = z.looseObject({ category: z.string().optional(), code: z.string().optional(), message: z.string().optional() });

/** Its errors are `{"category","code","message"}`. */
export function readCatapultFailure(response: UpstreamResponse): FailureReading {
  const body = readErrorBody(response, failureSchema);
  return { upstreamCode: body?.code, detail: upstreamWords(body?.message) };
}

export class CatapultClient {
  constructor(
    private readonly http: UpstreamHttp,
    private readonly userId: string,
  ) {}

  /**
   * The imported number's record, or null when it is not imported (404). A record of another number
   * (seed 002's own sample answers +18283334444 with +19192302749) is a bad answer, never acted on.
   */
  findNumber(e164: string): Promise<CarrierNumberRecord | null> {
    return this.http.call({ method: 'GET', path: path`/v1/users/${this.userId}/phoneNumbers/${e164}` }, (reply) => {
      if (reply.status === 404) return null;
      const record = reply.json(numberSchema);
      // The documented form is E.164, so equality is the usual case; anything else is parsed before it is judged.
      if (record.number !== e164 && toE164(record.number) !== e164)
        throw reply.bad(`asked for ${e164}, answered with the record of another number`);
      // The same number, in whatever form it was echoed (8283334444, (828) 333-4444): passed on in E.164.
      return { ...record, number: e164 };
    });
  }

  /** Un-imports the number (200 in seed 002, any 2xx taken); NOT_FOUND when it is not (or no longer) imported. */
  unimport(numberId: string): Promise<void> {
    return this.http.call(
      {
        method: 'DELETE',
        path: path`/v1/users/${this.userId}/phoneNumbers/${numberId}`,
        // The number's lookups go by E.164, not by this id: every lookup of the account changes.
        invalidates: [path`/v1/users/${this.userId}/phoneNumbers`],
      },
      (reply) => {
        reply.expect();
      },
    );
  }
}
