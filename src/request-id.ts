// Request ids: the caller's x-request-id when it is a sane token, else a new one. The id is returned
// in the response, sent to every upstream call the request causes and put on its log lines.
import { randomUUID } from 'node:crypto';

const acceptable = /^[\w.:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | null | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  return given != null && acceptable.test(given) ? given : randomUUID();
}
