// Compiled execution with graphql-jit (docs/performance.md says what it buys). A compiled query is
// one operation of a document, so compiled queries are kept per document *and* operation name:
// keyed by the document alone (as @envelop/graphql-jit does), the first operation compiled would run
// for every later request of that document, whatever its operationName, a mutation for a GET among them.
//
// Some operations run on the standard executor instead, each for a reason graphql-jit cannot help:
// - @defer/@stream: graphql-jit knows nothing of them;
// - subscriptions: it hands `subscribe` the operation's variables instead of the field's arguments
//   (zalando-incubator/graphql-jit#183), so an inline `disconnectOrder(id: "…")` would lose its id;
// - `_entities` with inline representations: federation's `_Any` scalar parses literals with
//   variables, which graphql-jit refuses (routers send variables, and stay compiled).
import { type ExecutionArgs, makeExecute, type Plugin } from '@envelop/core';
import { BREAK, type DocumentNode, type ExecutionResult, getOperationAST, Kind, visit } from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

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

/** What a document's operation compiled to: the query, or the errors compiling it gave (they are its result). */
type Compiled = CompiledQuery | ExecutionResult;

/** Compiled operations by document, then by operation name ('' for a document's only, unnamed choice). */
const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();

function compiledFor(args: ExecutionArgs): Compiled {
  let byName = compiled.get(args.document);
  if (!byName) {
    byName = new Map();
    compiled.set(args.document, byName);
  }
  const name = args.operationName ?? '';
  let entry = byName.get(name);
  if (!entry) {
    entry = compileQuery(args.schema, args.document, args.operationName ?? undefined);
    byName.set(name, entry);
  }
  return entry;
}

const executeCompiled = makeExecute((args) => {
  const entry = compiledFor(args);
  if (!isCompiledQuery(entry)) return entry;
  // The compiled stringifier goes with the result: Yoga serialises with it instead of JSON.stringify.
  const withStringify = (result: ExecutionResult) => Object.assign(result, { stringify: entry.stringify });
  const result = entry.query(args.rootValue, args.contextValue, args.variableValues);
  return result instanceof Promise ? result.then(withStringify) : withStringify(result);
});

export function useCompiledExecution(): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      if (getOperationAST(args.document, args.operationName)?.operation === 'subscription') return;
      if (needsStandardExecutor(args.document)) return;
      setExecuteFn(executeCompiled);
    },
  };
}
