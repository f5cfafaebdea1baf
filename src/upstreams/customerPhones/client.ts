// Client of the Customer Phones API v1: a customer's phone list and its versioned batch delete.
import { z } from 'zod';
import type { FailureReading, UpstreamResponse } from '../http/errors.js';
import { path } from '../http/path.js';
import type { UpstreamHttp } from '../http/transport.js';
import { problemReading, readProblem } from '../problem.js';

const phoneSchema = z.object({
  key: z.string().min(1),
  type: z.enum(['Unknown', 'Phone', 'Mobile']),
  country: z.string().nullish(),
  numberLocal: z.string().nullish(),
  numberInternational: z.string().nullish(),
});
export type CustomerPhoneRecord = z.infer<typeof phoneSchema>;

const phoneListSchema = z.object({ customerId: z.string(), version: z.string(), phones: z.array(phoneSchema) });
export type CustomerPhoneListRecord = z.infer<typeof phoneListSchema>;

const deleteResultSchema = z.object({
  customerId: z.string(),
  version: z.string(),
  phonesRemoved: z.array(phoneSchema),
  totalPhonesAttached: z.number().int().nonnegative(),
});
export type DeletePhonesResult = z.infer<typeof deleteResultSchema>;

/** RFC 7807 problems; a 400 whose problem carries `currentVersion` is a stale version (upstreams.md). */
export function readCustomerPhonesFailure(response: UpstreamResponse): FailureReading {
  const problem = readProblem(response);
  const currentVersion = problem?.extensions?.currentVersion;
  const reading = problemReading(problem);
  if (response.status !== 400 || typeof currentVersion !== 'string') return reading;
  return {
    ...reading,
    code: 'CONFLICT',
    message: `The phone list has changed: its current version is ${currentVersion}`,
    extensions: { ...reading.extensions, currentVersion },
  };
}

export class CustomerPhonesClient {
  constructor(private readonly http: UpstreamHttp) {}

  list(customerId: string): Promise<CustomerPhoneListRecord> {
    return this.http.call({ method: 'GET', path: path`/v1/customers/${customerId}/phones` }, (reply) => reply.json(phoneListSchema));
  }

  /** Deletes all the keys or none; with `version`, only if it is still the current one. */
  deletePhones(customerId: string, keys: string[], version?: string): Promise<DeletePhonesResult> {
    return this.http.call(
      {
        method: 'DELETE',
        path: path`/v1/customers/${customerId}/phones`,
        query: { version },
        body: { contentType: 'application/json', text: JSON.stringify({ keys }) },
      },
      (reply) => reply.json(deleteResultSchema, 'success'),
    );
  }
}
