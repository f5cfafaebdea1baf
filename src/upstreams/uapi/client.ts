// Client of the VoipNow UAPI PhoneCalls resource: list an extension's calls and hang them up.
import { z } from 'zod';
import { type FailureReading, type UpstreamResponse, upstreamWords } from '../http/errors.js';
import { readErrorBody } from '../http/parse.js';
import { path } from '../http/path.js';
import type { UpstreamHttp } from '../http/transport.js';

const callSchema = z.object({
  id: z.string().min(1),
  extension: z.string().min(1),
  phoneNumber: z.string().nullish(),
  direction: z
    .string()
    .transform((d) => d.toLowerCase())
    .pipe(z.enum(['incoming', 'outgoing']))
    .nullish(),
  status: z.string().nullish(),
  startedAt: z.string().nullish(),
});
export type PhoneCallRecord = z.infer<typeof callSchema>;
const callListSchema = z.array(callSchema);
// Seed 004 returns Array<PhoneCall>, its sample only the ids: every other member may be absent.
const hungUpSchema = z.array(callSchema.partial().required({ id: true }));
export type HungUpCallRecord = z.infer<typeof hungUpSchema>[number];

const errorSchema = z.object({ error: z.object({ code: z.string().optional(), message: z.string().optional() }) });

/** Its errors are `{"error": {"code", "message"}}`, e.g. pc_phonenumber_invalid. */
export function readUapiFailure(response: UpstreamResponse): FailureReading {
  const body = readErrorBody(response, errorSchema);
  return { upstreamCode: body?.error.code, detail: upstreamWords(body?.error.message) };
}

export class UapiClient {
  constructor(private readonly http: UpstreamHttp) {}

  listCalls(userId: string, extension: string): Promise<PhoneCallRecord[]> {
    return this.http.call({ method: 'GET', path: path`/uapi/phoneCalls/${userId}/${extension}` }, (reply) => reply.json(callListSchema));
  }

  /** Hangs up the extension's calls (one, with `phoneCallId`); returns the calls hung up, none on 204. */
  hangUp(
    userId: string,
    extension: string,
    options: { phoneCallId?: string | undefined; phoneNumber?: string | undefined } = {},
  ): Promise<HungUpCallRecord[]> {
    return this.http.call(
      {
        method: 'DELETE',
        path:
          options.phoneCallId === undefined
            ? path`/uapi/phoneCalls/${userId}/${extension}`
            : path`/uapi/phoneCalls/${userId}/${extension}/${options.phoneCallId}`,
        query: { phoneNumber: options.phoneNumber },
        // @me, @viewer, @owner and @self name the same calls several ways: every list may have changed.
        invalidates: [path`/uapi/phoneCalls`],
      },
      (reply) => (reply.status === 204 ? [] : reply.json(hungUpSchema)),
    );
  }
}
