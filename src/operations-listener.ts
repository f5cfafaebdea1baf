// The endpoints an operator's tooling reads (metrics, liveness, readiness). With METRICS_PORT they are
// served by a listener of their own, so the public port, reachable by anyone who can call GraphQL,
// answers none of them: metrics name upstreams and operations, which are nobody else's business.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

const operationsPaths: ReadonlySet<string> = new Set(['/metrics', '/health', '/readiness']);

const pathOf = (req: IncomingMessage) => (req.url ?? '/').split('?')[0] ?? '/';

/** The operations listener: GET /metrics, /health and /readiness, nothing else. */
export function operationsEndpoints(registry: Registry, ready: () => boolean): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req);
    if (!operationsPaths.has(path)) return void res.writeHead(404).end();
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405, { allow: 'GET, HEAD' }).end();
    if (path === '/health') return void res.writeHead(200).end();
    if (path === '/readiness') return void res.writeHead(ready() ? 200 : 503).end();
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(req.method === 'HEAD' ? undefined : text),
      () => res.writeHead(500).end(),
    );
  };
}

/** The public listener when the operations endpoints are served apart: their paths are unknown here. */
export function withoutOperationsEndpoints(next: RequestListener): RequestListener {
  return (req, res) => (operationsPaths.has(pathOf(req)) ? void res.writeHead(404).end() : next(req, res));
}
