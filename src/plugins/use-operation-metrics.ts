// The GraphQL operations' Prometheus metrics, under the names and labels @envelop/prometheus gives them
// (graphql_envelop_request_duration, graphql_envelop_error_result), and GET /metrics. Recorded here rather
// than by @graphql-yoga/plugin-prometheus: with only these two metrics on, it still worked out the
// operation on every parse, kept it in a WeakMap and filtered its handler lists on every execution
// (metrics went from 2.4 % to 1.7 % of the gateway's CPU on the bench's distinct dashboards, docs/performance.md).
import { isAsyncIterable } from '@envelop/core';
import type { DocumentNode, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { GatewayMetrics } from '../metrics.js';
import { operationOf } from './operation.js';

type Phase = 'parse' | 'validate' | 'execute' | 'subscribe';

export function useOperationMetrics(endpoint: string, metrics: GatewayMetrics): Plugin {
  const { registry, operationDuration, operationErrors } = metrics;
  const labelsOf = (document: DocumentNode, operationName: string | null | undefined) => {
    const operation = operationOf({ document, operationName });
    return { operationName: operation.name ?? 'Anonymous', operationType: operation.type };
  };
  const countErrors = (
    labels: { operationName?: string; operationType?: string },
    phase: Phase,
    errors: readonly (Error & { path?: GraphQLError['path'] })[] | undefined,
  ) => {
    for (const error of errors ?? []) {
      operationErrors.inc({ ...labels, phase, ...(error.path ? { path: error.path.join('.') } : {}) });
    }
  };
  // One function for every operation, not a closure per parse: a parse that fails is the rare case.
  const onParseDone = ({ result }: { result: unknown }) => {
    if (result instanceof Error) operationErrors.inc({ phase: 'parse' });
  };
  /** Times one execution or subscription (a stream until it ends) and counts its errors. */
  const timed = (args: { document: DocumentNode; operationName?: string | null | undefined }, phase: Phase) => {
    const started = performance.now();
    const labels = labelsOf(args.document, args.operationName);
    const observe = () => operationDuration.observe(labels, (performance.now() - started) / 1000);
    return ({ result }: { result: unknown }) => {
      if (isAsyncIterable(result)) return { onEnd: observe };
      countErrors(labels, phase, (result as { errors?: readonly GraphQLError[] }).errors);
      observe();
      return undefined;
    };
  };
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== endpoint) return undefined;
      return registry.metrics().then((text) => {
        endResponse(new fetchAPI.Response(text, { headers: { 'content-type': registry.contentType } }));
      });
    },
    onParse: () => onParseDone,
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (!valid) countErrors(labelsOf(params.documentAST, undefined), 'validate', result);
      };
    },
    onExecute({ args }) {
      return { onExecuteDone: timed(args, 'execute') };
    },
    onSubscribe({ args }) {
      return { onSubscribeResult: timed(args, 'subscribe') };
    },
  };
}
