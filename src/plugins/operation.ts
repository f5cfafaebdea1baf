// What the operation's log line and its span both say of it: its name, and its errors' codes.
import { type DocumentNode, getOperationAST } from 'graphql';

export function operationOf(args: { document: DocumentNode; operationName?: string | null | undefined }): {
  type: 'query' | 'mutation' | 'subscription';
  name: string | undefined;
} {
  const operation = getOperationAST(args.document, args.operationName);
  return { type: operation?.operation ?? 'query', name: args.operationName ?? operation?.name?.value };
}

/** The `extensions.code` of each error of a result (INTERNAL_SERVER_ERROR for one without); none for a stream. */
export function errorCodes(result: object): string[] {
  if (!('errors' in result) || !Array.isArray(result.errors)) return [];
  return result.errors.map((e: { extensions?: { code?: unknown } }) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
}
