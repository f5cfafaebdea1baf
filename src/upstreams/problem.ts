// RFC 7807 problem details, the error body of the Customer Phones and Phone Number APIs.
import { z } from 'zod';
import { type FailureReading, type UpstreamResponse, upstreamWords } from './http/errors.js';
import { readErrorBody } from './http/parse.js';

const problemSchema = z.looseObject({
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

const safeKey = /^[A-Za-z][\w.-]{0,63}$/;
type SafeValue = string | number | boolean | null;

function safeValue(value: unknown): SafeValue | undefined {
  if (typeof value === 'string') return upstreamWords(value) ?? '';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  return undefined;
}

/**
 * The problem's own `extensions` a caller may see: up to 10 members with plain names whose values are
 * short strings, numbers, booleans or short lists of those. Nested objects and anything else are dropped.
 */
function safeProblemExtensions(extensions: Record<string, unknown> | undefined): Record<string, SafeValue | SafeValue[]> | undefined {
  if (!extensions) return undefined;
  const safe: Record<string, SafeValue | SafeValue[]> = {};
  for (const [key, value] of Object.entries(extensions)) {
    if (Object.keys(safe).length === 10) break;
    if (!safeKey.test(key)) continue;
    const values = Array.isArray(value) ? value.slice(0, 20).map(safeValue) : undefined;
    if (values?.every((v) => v !== undefined)) safe[key] = values as SafeValue[];
    else if (!Array.isArray(value) && safeValue(value) !== undefined) safe[key] = safeValue(value) as SafeValue;
  }
  return Object.keys(safe).length > 0 ? safe : undefined;
}

/** The problem as the upstream's own words: its `type` is the upstream's code, its title and detail the message, its `instance` and safe extensions passed on. */
export function problemReading(problem: Problem | undefined): FailureReading {
  const words = [upstreamWords(problem?.title), upstreamWords(problem?.detail)].filter(Boolean).join(': ');
  // `instance` names the occurrence, which is what an operator asks the upstream's owners about.
  const extensions = safeProblemExtensions(problem?.instance ? { instance: problem.instance, ...problem.extensions } : problem?.extensions);
  return {
    upstreamCode: upstreamWords(problem?.type),
    detail: words || undefined,
    extensions: extensions && { upstreamExtensions: extensions },
  };
}

/** The error dialect of the APIs that answer with RFC 7807 problems. */
export const readProblemFailure = (response: UpstreamResponse): FailureReading => problemReading(readProblem(response));
