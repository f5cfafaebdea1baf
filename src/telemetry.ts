// OpenTelemetry traces, on when OTEL_EXPORTER_OTLP_ENDPOINT is set: the OpenTelemetry SDK exports over
// OTLP/HTTP. No global provider is registered (several gateways may share a process, in tests), and no
// async context manager (it costs every promise): the operation's context is handed to its upstream calls.
import { type Context, ROOT_CONTEXT, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';

export interface Telemetry {
  tracer: Tracer;
  /** The caller's trace, from its `traceparent`, or none. */
  incoming(headers: Headers): Context;
  /** Adds `traceparent` for a span to upstream request headers. */
  outgoing(parent: Context, headers: Record<string, string>): void;
  shutdown(): Promise<void>;
}

export function startTelemetry(endpoint: string, serviceName: string): Telemetry {
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` }))],
  });
  const propagator = new W3CTraceContextPropagator();
  return {
    tracer: provider.getTracer('switchboard'),
    incoming: (headers) =>
      propagator.extract(ROOT_CONTEXT, headers, {
        get: (carrier, key) => carrier.get(key) ?? undefined,
        keys: (carrier) => [...carrier.keys()],
      }),
    outgoing: (parent, headers) =>
      propagator.inject(parent, headers, {
        set: (carrier, key, value) => {
          carrier[key] = value;
        },
      }),
    shutdown: () => provider.shutdown(),
  };
}

/** Where a request's upstream calls find the operation's span: set when the operation starts. */
export interface RequestTrace {
  telemetry: Telemetry;
  /** The operation span's context, once it started. */
  parent?: Context;
}
