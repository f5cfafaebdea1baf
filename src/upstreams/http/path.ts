// Upstream paths: every value encoded as one path segment, and a template of the path for logs and metrics.

const literalSegment = /^[\w.~@*+:-]*$/;

/** Percent-encodes a path segment but keeps `@`, `*`, `+` and `:` literal, as upstreams.md requires. */
function encodeSegment(value: string): string {
  if (literalSegment.test(value)) return value; // ids, UUIDs and E.164 numbers: nothing to encode
  return encodeURIComponent(value).replace(/%(40|2B|3A)/gi, (escaped) => decodeURIComponent(escaped));
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
  for (let i = 0; i < values.length; i += 1) value += encodeSegment(values[i] as string) + (strings[i + 1] as string);
  return { value, template };
}
