// With tracing on: a span for each GraphQL operation (name, type, document hash, error codes), child
// of the caller's trace when it sent a `traceparent`; the operation's upstream calls are its children.
import { createHash } from 'node:crypto';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { errorCodes, operationOf } from './operation.js';

export function useTracing(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const context = args.contextValue;
      const requestTrace = context.requestTrace;
      if (!requestTrace) return undefined;
      const { type, name } = operationOf(args);
      const query = (context as Context & { params?: { query?: string } }).params?.query;
      const parent = requestTrace.telemetry.incoming(context.request.headers);
      const span = requestTrace.telemetry.tracer.startSpan(
        name ? `${type} ${name}` : type,
        {
          kind: SpanKind.SERVER,
          attributes: {
            'graphql.operation.type': type,
            ...(name ? { 'graphql.operation.name': name } : {}),
            ...(query ? { 'graphql.document.hash': createHash('sha256').update(query).digest('hex') } : {}),
            'switchboard.request_id': context.requestId,
          },
        },
        parent,
      );
      requestTrace.parent = trace.setSpan(parent, span);
      return {
        onExecuteDone({ result }) {
          const errors = errorCodes(result);
          if (errors.length > 0) {
            span.setAttribute('graphql.error.codes', errors);
            span.setStatus({ code: SpanStatusCode.ERROR, message: errors.join(' ') });
          }
          span.end();
        },
      };
    },
  };
}
