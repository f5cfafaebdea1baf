// Runs each query and mutation through the admission queue (src/admission.ts); subscriptions, which
// live as long as their client wants, are never held. After compiled execution, so graphql-jit's
// execute is what waits; a cached answer stops before any execute, so it never waits.
import type { Plugin } from '@envelop/core';
import { createGraphQLError } from 'graphql-yoga';
import { type Admission, OverloadedError } from '../admission.js';

export function useAdmission(admission: Admission): Plugin {
  return {
    onExecute({ executeFn, setExecuteFn }) {
      const run = async (args: Parameters<typeof executeFn>[0]) => {
        try {
          return await executeFn(args);
        } finally {
          admission.leave();
        }
      };
      setExecuteFn(((args: Parameters<typeof executeFn>[0]) => {
        const turn = admission.enter();
        if (!turn) return run(args);
        return turn.then(
          () => run(args),
          (error: unknown) => {
            if (!(error instanceof OverloadedError)) throw error;
            return {
              errors: [
                createGraphQLError(`The gateway is overloaded: ${error.message}; try again shortly`, {
                  extensions: { code: 'OVERLOADED', http: { status: 503, headers: { 'retry-after': '1' } } },
                }),
              ],
            };
          },
        );
      }) as typeof executeFn);
    },
  };
}
