// RFC 7807 problem details, the error body of the Customer Phones and Phone Number APIs.
import { z } from 'zod';
import type { UpstreamName } from '../config.js';
import type { UpstreamError } from '../errors.js';
import { readErrorBody, statusError, upstreamWords, type UpstreamResponse } from './http.js';

export const problemSchema = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  status: z.number().optional(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  extensions: z.record(z.string(), z.unknown()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** Reads a problem body if there is one; a body that is not one still leaves the status to go by. */
export function readProblem(response: UpstreamResponse): Problem | undefined {
  return readErrorBody(response, problemSchema);
}

export function problemError(upstream: UpstreamName, response: UpstreamResponse, problem = readProblem(response)): UpstreamError {
  const words = [upstreamWords(problem?.title), upstreamWords(problem?.detail)].filter(Boolean).join(': ');
  return statusError(upstream, response, undefined, words || undefined);
}
