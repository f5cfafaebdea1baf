// Upstream paths: every value encoded as one path segment, and a template of the path for logs and metrics.
// A value is data, never a path step: one that a server on the way could read as `.` or `..` is refused here,
// whoever passed it in, before any call is made.
import { GraphQLError } from 'graphql';

const literalSegment = /^[\w.~@*+:-]*$/;
const plainSegment = /^[\w~@*+:-]+$/;

/** Percent-encodes a path segment but keeps `@`, `*`, `+` and `:` literal, as upstreams.md requires. */
function encodeSegment(value: string): string {
  if (literalSegment.test(value)) return value; // ids, UUIDs and E.164 numbers: nothing to encode
  return encodeURIComponent(value).replace(/%(40|2B|3A)/gi, (escaped) => decodeURIComponent(escaped));
}

/** Percent-decodes until nothing changes (%252e is %2e is .), %u escapes included (IIS reads them); malformed escapes stay. */
function decodeFully(value: string): string {
  let current = value;
  for (let round = 0; round < 4; round += 1) {
    let next = current.replace(/%u([0-9a-f]{4})/gi, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
    try {
      next = decodeURIComponent(next);
    } catch {
      // a lone % is data; what decodes is decoded piece by piece
      next = next.replace(/%[0-9a-f]{2}/gi, (escaped) => {
        try {
          return decodeURIComponent(escaped);
        } catch {
          return escaped;
        }
      });
    }
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * True when a server that normalises paths could read the value as a path step instead of one segment of
 * data: empty, or with a part that is only dots, in any spelling it may decode (`%2e`, `%252e`, `%u002e`,
 * full-width `．`), cut at a slash or backslash (encoded here, decoded by some) or at a `;` path parameter (Tomcat's `..;`).
 */
export function isPathStep(value: string): boolean {
  if (plainSegment.test(value)) return false; // ids, UUIDs and E.164 numbers: no dot, no escape
  if (value === '') return true;
  const decoded = decodeFully(value).normalize('NFKC');
  return decoded.split(/[/\\]/).some((part) => /^\s*\.+\s*$/.test(part.split(';')[0] as string));
}

export interface UpstreamPath {
  /** The path as sent, every value encoded. */
  value: string;
  /** The path with `{}` for every value: what logs and metrics show, never an id or a number. */
  template: string;
}

const templates = new WeakMap<TemplateStringsArray, string>();

/** A tagged template for upstream paths: every interpolated value is encoded as one path segment. */
export function path(strings: TemplateStringsArray, ...values: string[]): UpstreamPath {
  let template = templates.get(strings);
  if (template === undefined) {
    template = strings.join('{}');
    templates.set(strings, template);
  }
  let value = strings[0] as string;
  for (let i = 0; i < values.length; i += 1) {
    const segment = values[i] as string;
    if (isPathStep(segment)) {
      throw new GraphQLError(`${JSON.stringify(segment.slice(0, 40))} cannot be sent as an id: it would be read as a path step`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    value += encodeSegment(segment) + (strings[i + 1] as string);
  }
  return { value, template };
}
