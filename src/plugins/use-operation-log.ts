// One log line per GraphQL operation at `info`: its name, its time, its error codes, and the upstream
// endpoints it called (upstream, method, path template: how many calls, their outcomes, the slowest;
// see UpstreamCallLog). One line, not one per call: a line is a synchronous write, and an operation makes
// dozens of calls. Each call has a line of its own at `debug`.
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { errorCodes, operationOf } from './operation.js';

export function useOperationLog(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const context = args.contextValue;
      if (!context.services.logger.isLevelEnabled('info')) return undefined;
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const errors = errorCodes(result);
          context.services.logger.info(
            {
              requestId: context.requestId,
              operation: operationOf(args).name,
              ms: Math.round(performance.now() - started),
              upstream: context.upstreamCalls.summary(),
              ...(errors.length > 0 ? { errors } : {}),
            },
            'operation',
          );
        },
      };
    },
  };
}
