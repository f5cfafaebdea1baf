// Compiled execution with graphql-jit: the benchmark shows it pays (README, Performance).
// graphql-jit knows nothing of @defer/@stream, and it hands a subscription's `subscribe` the
// operation's variables instead of the field's arguments (zalando-incubator/graphql-jit#183), so an
// inline `disconnectOrder(id: "…")` would arrive without its id: those operations run on the standard executor.

import type { Plugin as EnvelopPlugin } from '@envelop/core';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { BREAK, type DocumentNode, getOperationAST, visit } from 'graphql';

// Yoga caches parsed documents, so the same operation is the same object: look at each once.
const deferred = new WeakMap<DocumentNode, boolean>();

function usesDeferOrStream(document: DocumentNode): boolean {
  const known = deferred.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'defer' && node.name.value !== 'stream') return undefined;
      found = true;
      return BREAK;
    },
  });
  deferred.set(document, found);
  return found;
}

export function useCompiledExecution(): EnvelopPlugin {
  return useGraphQlJit(
    {},
    {
      enableIf: ({ document, operationName }) =>
        getOperationAST(document, operationName)?.operation !== 'subscription' && !usesDeferOrStream(document),
    },
  );
}
