// Compiled execution with graphql-jit: the benchmark shows it pays (README, Performance). Some
// operations run on the standard executor instead, each for a reason graphql-jit cannot help:
// - @defer/@stream: graphql-jit knows nothing of them;
// - subscriptions: it hands `subscribe` the operation's variables instead of the field's arguments
//   (zalando-incubator/graphql-jit#183), so an inline `disconnectOrder(id: "…")` would lose its id;
// - `_entities` with inline representations: federation's `_Any` scalar parses literals with
//   variables, which graphql-jit refuses with a line on stderr (routers send variables, and stay compiled).
import type { Plugin as EnvelopPlugin } from '@envelop/core';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { BREAK, type DocumentNode, getOperationAST, Kind, visit } from 'graphql';

// Yoga caches parsed documents, so the same operation is the same object: look at each once.
const standard = new WeakMap<DocumentNode, boolean>();

function needsStandardExecutor(document: DocumentNode): boolean {
  const known = standard.get(document);
  if (known !== undefined) return known;
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'defer' && node.name.value !== 'stream') return undefined;
      found = true;
      return BREAK;
    },
    Field(node) {
      if (node.name.value !== '_entities' || node.arguments?.every((a) => a.value.kind === Kind.VARIABLE)) return undefined;
      found = true;
      return BREAK;
    },
  });
  standard.set(document, found);
  return found;
}

export function useCompiledExecution(): EnvelopPlugin {
  return useGraphQlJit(
    {},
    {
      enableIf: ({ document, operationName }) =>
        getOperationAST(document, operationName)?.operation !== 'subscription' && !needsStandardExecutor(document),
    },
  );
}
