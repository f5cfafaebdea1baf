// One log line per GraphQL operation at `info`: its name, its time, its error codes, and the upstream
// endpoints it called (upstream, method, path template: how many calls, their outcomes, the slowest).
// One line, not one per call, and calls to one endpoint summed: the benchmark showed a synchronous line
// per upstream call cost a quarter of the gateway's throughput, and a list page's seventy entries made
// the line itself the cost. Each call has a line of its own at `debug`.
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import type { UpstreamCallRecord } from '../upstreams/http/transport.js';
import { errorCodes, operationOf } from './operation.js';

interface EndpointCalls {
  upstream: string;
  method: string;
  path: string;
  calls: number;
  /** Calls by outcome: the HTTP status, or how a call with no answer failed. */
  outcomes: Record<string, number>;
  /** The slowest call's duration. */
  ms: number;
}

function byEndpoint(calls: readonly UpstreamCallRecord[]): EndpointCalls[] {
  const endpoints = new Map<string, EndpointCalls>();
  for (const call of calls) {
    const key = `${call.upstream} ${call.method} ${call.path}`;
    let endpoint = endpoints.get(key);
    if (!endpoint) {
      endpoint = { upstream: call.upstream, method: call.method, path: call.path, calls: 0, outcomes: {}, ms: 0 };
      endpoints.set(key, endpoint);
    }
    const outcome = call.status !== undefined ? String(call.status) : (call.failure ?? 'no answer');
    endpoint.calls += 1;
    endpoint.outcomes[outcome] = (endpoint.outcomes[outcome] ?? 0) + 1;
    if (call.ms > endpoint.ms) endpoint.ms = call.ms;
  }
  return [...endpoints.values()];
}

export function useOperationLog(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const context = args.contextValue;
      if (!context.logger.isLevelEnabled('info')) return undefined;
      const started = performance.now();
      return {
        onExecuteDone({ result }) {
          const errors = errorCodes(result);
          context.logger.info(
            {
              requestId: context.requestId,
              operation: operationOf(args).name,
              ms: Math.round(performance.now() - started),
              upstream: byEndpoint(context.upstreamCalls),
              ...(errors.length > 0 ? { errors } : {}),
            },
            'operation',
          );
        },
      };
    },
  };
}
