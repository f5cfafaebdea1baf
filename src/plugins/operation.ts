// What the operation's log line and its span both say of it: its name, and its errors' codes.
import { type DocumentNode, getOperationAST } from 'graphql';

export interface OperationKind {
  type: 'query' | 'mutation' | 'subscription';
  name: string | undefined;
}

// Yoga's parse cache hands every request for the same text the same document, and several plugins ask
// this of each request (its log line, its metrics, its span): it is worked out once per document and name.
// Only names of the document's own operations are kept, so a caller's made-up names cannot grow it.
const operations = new WeakMap<DocumentNode, Map<string | null | undefined, OperationKind>>();

/**
 * The operation a request runs: its type and its name as the document gives it (none for an anonymous
 * one, or when the requested name is not in the document: a caller's word never becomes a name here).
 */
export function operationOf(args: { document: DocumentNode; operationName?: string | null | undefined }): OperationKind {
  const known = operations.get(args.document)?.get(args.operationName);
  if (known) return known;
  const operation = getOperationAST(args.document, args.operationName);
  const kind: OperationKind = { type: operation?.operation ?? 'query', name: operation?.name?.value };
  if (operation) {
    let byName = operations.get(args.document);
    if (!byName) {
      byName = new Map();
      operations.set(args.document, byName);
    }
    byName.set(args.operationName, kind);
  }
  return kind;
}

/** The `extensions.code` of each error of a result (INTERNAL_SERVER_ERROR for one without); none for a stream. */
export function errorCodes(result: object): string[] {
  if (!('errors' in result) || !Array.isArray(result.errors)) return [];
  return result.errors.map((e: { extensions?: { code?: unknown } }) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
}
