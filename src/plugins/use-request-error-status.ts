// An execution result with errors and no `data` is a request error (e.g. a variable that does not
// coerce): GraphQL over HTTP wants a 4xx for it. Yoga's own executor marks these, graphql-jit does
// not, so the mark is added here when it is missing.
import type { GraphQLError } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

const withStatus = (error: GraphQLError) =>
  error.extensions?.http
    ? error
    : createGraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        extensions: { ...error.extensions, http: { spec: true, status: 400 } },
      });

export function useRequestErrorStatus(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if ('errors' in result && result.errors?.length && !('data' in result)) {
          setResult({ ...result, errors: result.errors.map(withStatus) });
        }
      },
    }),
  };
}
