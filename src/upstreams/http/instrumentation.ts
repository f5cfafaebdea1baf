// What every upstream attempt leaves behind: with tracing on, a client span under the operation's span
// (and its traceparent sent upstream); one histogram sample; one more call in the request's sums (its
// operation's log line shows them); and at debug a line of its own. None of them carries a header, a
// query string or an id: paths are shown as their templates.
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../../metrics.js';
import type { RequestTrace } from '../../telemetry.js';
import type { UpstreamCallLog } from './call-log.js';

export interface Observers {
  logger: Logger | undefined;
  metrics: GatewayMetrics['upstreamDuration'] | undefined;
}

export interface RequestObservers {
  requestId: string | undefined;
  calls: UpstreamCallLog | undefined;
  trace: RequestTrace | undefined;
}

export interface Attempt {
  upstream: string;
  method: string;
  /** The path template: `{}` for every value. */
  template: string;
  /** 1 for the first attempt of a call, 2 for its first retry, … */
  number: number;
}

/** How an attempt ended: an outcome (`2xx`, `timeout`, …), the status if one came, the failure's code if none did. */
export type FinishAttempt = (outcome: string, status?: number, failure?: string) => void;

/**
 * Starts observing one attempt (its span puts `traceparent` into `headers`, the request it sends; a joined
 * read sends none); the function it returns ends it.
 */
export function observeAttempt(
  attempt: Attempt,
  headers: Record<string, string> | undefined,
  observers: Observers,
  scope: RequestObservers,
): FinishAttempt {
  const started = performance.now();
  const parent = scope.trace?.parent;
  const span =
    parent && scope.trace
      ? scope.trace.telemetry.tracer.startSpan(
          `${attempt.upstream} ${attempt.method} ${attempt.template}`,
          {
            kind: SpanKind.CLIENT,
            attributes: {
              'switchboard.upstream': attempt.upstream,
              'http.request.method': attempt.method,
              'url.template': attempt.template,
              'switchboard.attempt': attempt.number,
            },
          },
          parent,
        )
      : undefined;
  if (span && parent && scope.trace && headers) scope.trace.telemetry.outgoing(trace.setSpan(parent, span), headers);

  return (outcome, status, failure) => {
    if (span) {
      span.setAttribute('switchboard.outcome', outcome);
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
      if (status === undefined || status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: failure ?? outcome });
      span.end();
    }
    const seconds = (performance.now() - started) / 1000;
    const { upstream, method, template: path } = attempt;
    observers.metrics?.observe({ upstream, method, outcome }, seconds);
    const ms = Math.round(seconds * 1000);
    scope.calls?.add(upstream, method, path, status !== undefined ? String(status) : (failure ?? 'no answer'), ms);
    if (observers.logger?.isLevelEnabled('debug')) {
      observers.logger.debug({ requestId: scope.requestId, upstream, method, path, status, failure, ms }, 'upstream call');
    }
  };
}
