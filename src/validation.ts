// Argument rules as zod schemas, put on the fields with @pothos/plugin-validation: each runs before the
// resolver (and so before any upstream call), and a failure is BAD_USER_INPUT naming the argument
// ("Argument "id" must be at most 10 characters"). A rule may also normalise: a phone number becomes E.164.
import { z } from 'zod';
import { BadUserInputError } from './errors.js';
import { nanpNationalNumber, toE164 } from './phone.js';
import { isPathStep } from './upstreams/http/path.js';

export const limits = { ids: 100, keys: 100, contactPageSize: 100 } as const;

/** A value the rule passes on, or the problem with it, worded to follow `Argument "name" `. */
type Reading<T> = { value: T } | { problem: string };

/** A schema from a reading of the value: the problem becomes the issue, the value what the resolver gets. */
function rule<In, Out>(base: z.ZodType<In>, read: (value: In) => Reading<Out>) {
  return base.transform((value, ctx): Out => {
    const reading = read(value);
    if ('value' in reading) return reading.value;
    ctx.addIssue({ code: 'custom', message: reading.problem });
    return z.NEVER;
  });
}

interface TextRule {
  max: number;
  pattern?: RegExp | undefined;
  description?: string | undefined;
}

function readText(value: string, { max, pattern, description }: TextRule): Reading<string> {
  if (value.trim() === '') return { problem: 'must not be empty' };
  if (value.length > max) return { problem: `must be at most ${max} characters` };
  if (pattern && !pattern.test(value)) return { problem: `must be ${description ?? `of the form ${pattern.source}`}` };
  return { value };
}

/** Text of at most `max` characters (an optional field of an upstream object: empty is the upstream's to judge). */
export const atMost = (max: number) =>
  rule(z.string(), (value) => (value.length > max ? { problem: `must be at most ${max} characters` } : { value }));

/** Text that is not blank, at most `max` characters, of the pattern if one is given. */
export const text = (textRule: TextRule) => rule(z.string(), (value) => readText(value, textRule));

/**
 * An id that goes into an upstream's path. Its form is the upstream's to judge (a customer at the Phone
 * Number and Contacts APIs, a phone key: any text), but never `.` or `..` in any spelling: that is a path
 * step, not an id. The path template refuses those too; here the refusal names the argument.
 */
export const id = ({ max = 255, pattern, description }: Partial<TextRule> = {}) =>
  rule(z.string(), (value) => {
    const reading = readText(value, { max, pattern, description });
    if ('value' in reading && isPathStep(value))
      return { problem: 'must be an id, not . or .. (in any spelling): that would be a path step' };
    return reading;
  });

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => uuidPattern.test(value);

/** For the values a seed types as a UUID: a Customer Phones customer (seed 000), a contact id (seed 003). */
export const uuid = () => id({ max: 36, pattern: uuidPattern, description: 'a UUID' });

function readPhone(value: string): Reading<string> {
  if (value.length > 40) return { problem: 'is too long to be a phone number' };
  const e164 = toE164(value);
  if (!e164) {
    return {
      problem: `is not a valid phone number: ${JSON.stringify(value)} (use E.164 such as +18283334444, or a US number such as (828) 333-4444)`,
    };
  }
  return { value: e164 };
}

/** A phone number in any common format, normalised to E.164. */
export const phone = () => rule(z.string(), readPhone);

/** A phone number Bandwidth can disconnect: NANP (+1) only, normalised to E.164. */
export const nanpPhone = () =>
  rule(z.string(), (value) => {
    const reading = readPhone(value);
    if ('value' in reading && !nanpNationalNumber(reading.value)) {
      return { problem: `must be a NANP (+1) number: only those can be disconnected at Bandwidth (got ${reading.value})` };
    }
    return reading;
  });

/** What the UAPI takes as a call's party: digits with an optional leading + (extensions and short numbers too). */
const callPartyPattern = /^\+?\d+$/;
export const isCallParty = (value: string) => callPartyPattern.test(value);

/**
 * A call's party for the UAPI: digits with an optional leading + go unchanged (the UAPI compares them as
 * written); a formatted public number such as +1 828 333 4444 is normalised to E.164; anything else is refused.
 */
export const callParty = () =>
  rule(z.string(), (value) => {
    if (isCallParty(value)) return { value };
    const e164 = /^[+\d\s().-]+$/.test(value) && /\d/.test(value) ? toE164(value) : null;
    if (e164) return { value: e164 };
    return {
      problem: `must be digits with an optional leading + (e.g. 8887777 or +18283334444), or a formatted phone number such as +1 828 333 4444: got ${JSON.stringify(value.slice(0, 40))}`,
    };
  });

/** A list of at most `max` items, not empty, each by its own rule; repeats are taken once unless `keepRepeats`. */
export const list = <T>(item: z.ZodType<T>, max: number, { keepRepeats = false } = {}) =>
  z.array(z.string()).transform((values, ctx): T[] => {
    const problem =
      values.length === 0 ? 'must not be empty' : values.length > max ? `may hold at most ${max} items (got ${values.length})` : null;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    const items: T[] = [];
    for (const [index, value] of values.entries()) {
      const checked = item.safeParse(value);
      if (!checked.success) {
        ctx.addIssue({ code: 'custom', message: checked.error.issues[0]?.message ?? 'is not valid', path: [index] });
        return z.NEVER;
      }
      items.push(checked.data);
    }
    return keepRepeats ? items : [...new Set(items)];
  });

/** A whole number from `min` to `max`. */
export const between = (min: number, max: number) =>
  rule(z.number(), (value) => (value < min || value > max ? { problem: `must be between ${min} and ${max}` } : { value }));

type Issue = { message: string; path?: ReadonlyArray<PropertyKey | { key: PropertyKey }> | undefined };

/** The error for a rule's first problem, naming the argument (or input field, `input.name`) it concerns. */
export function badInput(issues: readonly Issue[], name?: string): BadUserInputError {
  const issue = issues[0];
  const path = (issue?.path ?? [])
    .map((segment) => (typeof segment === 'object' ? segment.key : segment))
    .filter((key): key is string => typeof key === 'string');
  return new BadUserInputError(name ?? path.join('.'), issue?.message ?? 'is not valid');
}

/** A rule applied to a value that is not an argument (a parent's id): the value, or the error naming `name`. */
export function checked<T>(schema: z.ZodType<T>, name: string, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw badInput(result.error.issues, name);
  return result.data;
}
