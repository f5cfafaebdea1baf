// Prometheus metrics of one gateway: Yoga's GraphQL operation metrics and the upstream request
// histogram share a registry per gateway (tests start several in one process).
import { Histogram, Registry } from 'prom-client';

export interface GatewayMetrics {
  registry: Registry;
  upstreamDuration: Histogram<'upstream' | 'method' | 'outcome'>;
}

export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  const upstreamDuration = new Histogram({
    name: 'switchboard_upstream_request_duration_seconds',
    help: 'Upstream HTTP requests by upstream, method and outcome (status class, or timeout / unavailable / circuit_open)',
    labelNames: ['upstream', 'method', 'outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  return { registry, upstreamDuration };
}
