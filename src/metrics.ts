// Prometheus metrics of one gateway: the GraphQL operations' (named as @envelop/prometheus names them),
// the upstream requests' and the admission queue's share a registry per gateway (tests start several in one process).
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Admission, AdmissionState } from './admission.js';

export interface GatewayMetrics {
  registry: Registry;
  upstreamDuration: Histogram<'upstream' | 'method' | 'outcome'>;
  operationDuration: Histogram<'operationName' | 'operationType'>;
  operationErrors: Counter<'operationName' | 'operationType' | 'path' | 'phase'>;
}

export function createMetrics(admission?: Admission): GatewayMetrics {
  const registry = new Registry();
  const upstreamDuration = new Histogram({
    name: 'switchboard_upstream_request_duration_seconds',
    help: 'Upstream HTTP requests by upstream, method and outcome (status class, or timeout / unavailable / circuit_open)',
    labelNames: ['upstream', 'method', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const operationDuration = new Histogram({
    name: 'graphql_envelop_request_duration',
    help: 'Time spent on running the GraphQL operation from parse to execute',
    labelNames: ['operationName', 'operationType'],
    registers: [registry],
  });
  const operationErrors = new Counter({
    name: 'graphql_envelop_error_result',
    help: 'Counts the amount of errors reported from all phases',
    labelNames: ['operationName', 'operationType', 'path', 'phase'],
    registers: [registry],
  });
  if (admission) admissionMetrics(registry, admission);
  return { registry, upstreamDuration, operationDuration, operationErrors };
}

/** Read from the queue when scraped: nothing is counted on the operations' path. */
function admissionMetrics(registry: Registry, admission: Admission): void {
  const gauges: [name: string, help: string, read: (state: AdmissionState) => number][] = [
    ['switchboard_admission_executing', 'Operations executing now', (s) => s.executing],
    ['switchboard_admission_waiting', 'Operations waiting for their turn while the event loop is saturated', (s) => s.waiting],
    [
      'switchboard_admission_limit',
      'Operations allowed to execute at once (+Inf unless the event loop is saturated and the collector costly)',
      (s) => s.limit,
    ],
    ['switchboard_admission_loop_busy_ratio', 'Share of the last interval the event loop was busy', (s) => s.load.busy],
    [
      'switchboard_admission_gc_pause_ratio',
      'Share of the last interval the garbage collector paused the event loop',
      (s) => s.load.collecting,
    ],
  ];
  for (const [name, help, read] of gauges) {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read(admission.state));
      },
    });
  }
  const counters = [
    ['switchboard_admission_waited_total', 'Operations that waited for their turn', 'waited'],
    ['switchboard_admission_refused_total', 'Operations refused with OVERLOADED because the queue was full', 'refused'],
  ] as const;
  for (const [name, help, key] of counters) {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(admission.state[key]);
      },
    });
  }
}
