// The one XML parser and builder for the Dashboard API, configured once: entity processing off
// (no entity expansion from an upstream), values kept as strings (numbers like 8283334444 and ids
// stay text), and the list elements always arrays, so a list of one is still a list.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

const listElements = new Set(['TelephoneNumber']);

const xmlParser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => listElements.has(name),
});

export const xmlBuilder = new XMLBuilder({ ignoreAttributes: true, format: true, indentBy: '    ', processEntities: true });

export const xmlDeclaration = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Parses XML, or returns undefined when it is not well-formed. */
export function parseXml(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = xmlParser.parse(text, true);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
