// Client of the VoipNow UAPI PhoneCalls resource: list an extension's calls and hang them up.
import { z } from 'zod';
import type { UpstreamError } from '../../errors.js';
import { parseJson, path, readErrorBody, statusError, type UpstreamHttp, type UpstreamResponse, upstreamWords } from '../http.js';

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

export class UapiClient {
  constructor(private readonly http: UpstreamHttp) {}

  listCalls(userId: string, extension: string): Promise<PhoneCallRecord[]> {
    return this.http.call({ method: 'GET', path: path`/uapi/phoneCalls/${userId}/${extension}` }, (response) => {
      if (response.status !== 200) throw this.failure(response);
      return parseJson('uapi', response, callListSchema);
    });
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
      },
      (response) => {
        if (response.status === 204) return [];
        if (response.status !== 200) throw this.failure(response);
        return parseJson('uapi', response, hungUpSchema);
      },
    );
  }

  private failure(response: UpstreamResponse): UpstreamError {
    const body = readErrorBody(response, errorSchema);
    return statusError('uapi', response, body?.error.code, upstreamWords(body?.error.message));
  }
}
