// Argument checks that run before any upstream call; each failure names the argument.
import { BadUserInputError } from './errors.js';
import { toE164 } from './phone.js';
import { isPathStep } from './upstreams/http/path.js';

export const limits = { ids: 100, keys: 100, contactPageSize: 100 } as const;

/** A phone number in any common format, normalised to E.164. */
export function phoneArgument(name: string, value: string): string {
  if (value.length > 40) throw new BadUserInputError(name, 'is too long to be a phone number');
  const e164 = toE164(value);
  if (!e164)
    throw new BadUserInputError(
      name,
      `is not a valid phone number: ${JSON.stringify(value)} (use E.164 such as +18283334444, or a US number such as (828) 333-4444)`,
    );
  return e164;
}

/** What the UAPI takes as a call's party: digits with an optional leading + (extensions and short numbers too). */
const callParty = /^\+?\d+$/;
export const isCallParty = (value: string) => callParty.test(value);

/**
 * A call's party for the UAPI: digits with an optional leading + go unchanged (the UAPI compares them as
 * written); a formatted public number such as +1 828 333 4444 is normalised to E.164; anything else is refused.
 */
export function callPartyArgument(name: string, value: string): string {
  if (isCallParty(value)) return value;
  const e164 = /^[+\d\s().-]+$/.test(value) && /\d/.test(value) ? toE164(value) : null;
  if (!e164) {
    throw new BadUserInputError(
      name,
      `must be digits with an optional leading + (e.g. 8887777 or +18283334444), or a formatted phone number such as +1 828 333 4444: got ${JSON.stringify(value.slice(0, 40))}`,
    );
  }
  return e164;
}

export function listArgument<T>(name: string, values: readonly T[], max: number, { allowEmpty = false } = {}): T[] {
  if (!allowEmpty && values.length === 0) throw new BadUserInputError(name, 'must not be empty');
  if (values.length > max) throw new BadUserInputError(name, `may hold at most ${max} items (got ${values.length})`);
  return [...new Set(values)];
}

export function textArgument(
  name: string,
  value: string,
  { max, pattern, description }: { max: number; pattern?: RegExp | undefined; description?: string | undefined },
): string {
  if (value.trim() === '') throw new BadUserInputError(name, 'must not be empty');
  if (value.length > max) throw new BadUserInputError(name, `must be at most ${max} characters`);
  if (pattern && !pattern.test(value)) throw new BadUserInputError(name, `must be ${description ?? `of the form ${pattern.source}`}`);
  return value;
}

export function intArgument(name: string, value: number, min: number, max: number): number {
  if (value < min || value > max) throw new BadUserInputError(name, `must be between ${min} and ${max}`);
  return value;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (value: string) => uuidPattern.test(value);

/** For the values a seed types as a UUID: a Customer Phones customer (seed 000), a contact id (seed 003). */
export function uuidArgument(name: string, value: string): string {
  return textArgument(name, value, { max: 36, pattern: uuidPattern, description: 'a UUID' });
}

/**
 * An id that goes into an upstream's path. Its form is the upstream's to judge (a customer at the Phone
 * Number and Contacts APIs, a phone key: any text), but never `.` or `..` in any spelling: that is a path
 * step, not an id. The path template refuses those too; here the refusal names the argument.
 */
export function idArgument(
  name: string,
  value: string,
  { max = 255, pattern, description }: { max?: number; pattern?: RegExp; description?: string } = {},
): string {
  textArgument(name, value, { max, pattern, description });
  if (isPathStep(value)) throw new BadUserInputError(name, 'must be an id, not . or .. (in any spelling): that would be a path step');
  return value;
}
