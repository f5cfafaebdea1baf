// No error suggests names: "Did you mean …?" after a misspelt field, argument, type or enum value (in
// the document or in a variable) would tell a caller the schema that introspection keeps from it.
// graphql-js writes them into validation and variable-coercion messages alike; they are cut from every
// error of a result before it is sent.
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const suggestion = /\s*Did you mean [^?]*\?/g;

function withoutSuggestions(errors: readonly GraphQLError[] | undefined): void {
  for (const error of errors ?? []) {
    if (error.message.includes('Did you mean')) error.message = error.message.replace(suggestion, '');
  }
}

export function useNoSuggestions(): Plugin {
  return {
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in result) return;
      for (const one of Array.isArray(result) ? result : [result]) withoutSuggestions(one.errors);
    },
  };
}
