// What every upstream simulator shares: a real node:http server with routes, recorded requests,
// latency, and fault injection. Each simulator module adds its API's state and routes on top.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { basicCredentials } from '../upstreams/http/request.js';

export interface Latency {
  fixedMs: number;
  jitterMs: number;
}

export type Fault =
  /** Answer with this status (and body) instead of the real answer. */
  | { kind: 'status'; status: number; body?: string; contentType?: string; headers?: Record<string, string> }
  /** Read the request, then never answer. */
  | { kind: 'hang' }
  /** Read the request, then answer normally once `releaseHeld()` is called. */
  | { kind: 'hold' }
  /** Read the request, then destroy the connection. */
  | { kind: 'reset' }
  /** Do the real work, then send only the first half of the body. */
  | { kind: 'malformed' }
  /** Do the real work, then answer this status instead, as a proxy that gave up after the upstream applied the request. */
  | { kind: 'applied'; status: number }
  /** A proxy's HTML error page with 200. */
  | { kind: 'html' }
  /** Contacts API only: its error envelope with HTTP 200. */
  | { kind: 'envelope'; errorCode: string; errorMessage?: string }
  /** A 400 in the API's own error dialect whose words repeat the request, credentials included (a debugging habit). */
  | { kind: 'echo' }
  /** A 200 of this many bytes, sent as fast as the client reads it; with `declared`, its Content-Length says so up front. */
  | { kind: 'flood'; bytes: number; declared?: boolean };

export interface FaultRule {
  fault: Fault;
  /** How many matching requests it applies to; Infinity until cleared. */
  times: number;
  method?: string | undefined;
  /** Applies only to requests whose raw path contains this. */
  pathIncludes?: string | undefined;
}

export interface RecordedRequest {
  method: string;
  /** The raw request target as it arrived on the wire, query included. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** When it arrived (performance.now()), to compare the order of requests across simulators. */
  at: number;
}

export interface SimulatorOptions {
  host?: string;
  port?: number;
  latency?: Partial<Latency>;
  /** A path prefix the API lives under (a base URL may carry one, e.g. `/api`). */
  basePath?: string;
  /** Keep every request for inspection (tests); off under load, where only `requestCount` is kept. */
  recordRequests?: boolean;
  /** Called with every request as it arrives, before any fault (the soak tallies writes with it). */
  onRequest?: ((request: RecordedRequest) => void) | undefined;
}

export interface SimulatorReply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface RouteContext {
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

type RouteHandler = (ctx: RouteContext) => SimulatorReply | Promise<SimulatorReply>;

interface Route {
  method: string;
  /** Segments separated by `/`; `:name` captures one percent-decoded segment. */
  pattern: string;
  handler: RouteHandler;
}

export interface SimulatorApi {
  routes: Route[];
  /** Checks credentials; returns the reply that refuses them, or undefined when they are good. */
  authenticate(headers: IncomingHttpHeaders): SimulatorReply | undefined;
  /** The reply for a request that matches no route. */
  notFound(ctx: RouteContext): SimulatorReply;
  /** A 400 in the API's error dialect with these words. */
  badRequest(words: string): SimulatorReply;
  /** Puts the demo data back as it was at the start, so the examples find what they change again. */
  restoreDemo(): void;
  /** Faults only this API knows how to produce. */
  fault?(fault: Fault): SimulatorReply | undefined;
}

export function json(status: number, value: unknown, contentType = 'application/json; charset=utf-8'): SimulatorReply {
  return { status, headers: { 'content-type': contentType }, body: JSON.stringify(value) };
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  return value?.startsWith('Bearer ') ? value.slice('Bearer '.length) : undefined;
}

function matchRoute(routes: Route[], method: string, segments: string[]): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const pattern = route.pattern.split('/').filter(Boolean);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matched = pattern.every((part, i) => {
      const segment = segments[i] as string;
      if (part.startsWith(':')) {
        try {
          params[part.slice(1)] = decodeURIComponent(segment);
        } catch {
          return false;
        }
        return true;
      }
      return part === segment;
    });
    if (matched) return { route, params };
  }
  return undefined;
}

/** A running simulator: its address, what it received, and the faults to inject. */
export class SimulatorServer {
  readonly requests: RecordedRequest[] = [];
  /** Requests received since the last resetRequests(), recorded or not. */
  requestCount = 0;
  /** Answers whose client closed the connection before their body was sent whole. */
  cutOff = 0;
  private readonly recordRequests: boolean;
  private readonly onRequest: SimulatorOptions['onRequest'];
  private faults: FaultRule[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private held: (() => void)[] = [];
  private readonly latency: Latency;
  private readonly basePath: string;
  private address: AddressInfo | undefined;

  constructor(
    private readonly api: SimulatorApi,
    options: SimulatorOptions = {},
  ) {
    this.latency = { fixedMs: options.latency?.fixedMs ?? 0, jitterMs: options.latency?.jitterMs ?? 0 };
    this.basePath = (options.basePath ?? '').replace(/\/+$/, '');
    this.recordRequests = options.recordRequests ?? true;
    this.onRequest = options.onRequest;
    this.server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const recorded: RecordedRequest = {
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: performance.now(),
        };
        this.requestCount += 1;
        if (this.recordRequests) this.requests.push(recorded);
        this.onRequest?.(recorded);
        this.handle(recorded, res).catch(() => {
          if (!res.headersSent) res.writeHead(500).end();
          else res.destroy();
        });
      });
    });
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  async listen(host = '127.0.0.1', port = 0): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => resolve());
    });
    this.address = this.server.address() as AddressInfo;
    return this;
  }

  /** The base URL a client is configured with (the base path included). */
  get url(): string {
    if (!this.address) throw new Error('simulator is not listening');
    const host = this.address.family === 'IPv6' ? `[${this.address.address}]` : this.address.address;
    return `http://${host}:${this.address.port}${this.basePath}`;
  }

  inject(fault: Fault, options: { times?: number; method?: string; pathIncludes?: string } = {}): void {
    this.faults.push({
      fault,
      times: options.times ?? Number.POSITIVE_INFINITY,
      method: options.method,
      pathIncludes: options.pathIncludes,
    });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Puts the demo data back as it was at the start. */
  restoreDemo(): void {
    this.api.restoreDemo();
  }

  /** Lets every request held by a `hold` fault go on to its real answer. */
  releaseHeld(): void {
    for (const release of this.held.splice(0)) release();
  }

  setLatency(latency: Partial<Latency>): void {
    Object.assign(this.latency, latency);
  }

  /** Forgets the recorded requests, so a test can count what one operation caused. */
  resetRequests(): void {
    this.requests.length = 0;
    this.requestCount = 0;
    this.cutOff = 0;
  }

  async close(): Promise<void> {
    this.releaseHeld();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private takeFault(request: RecordedRequest): Fault | undefined {
    const rule = this.faults.find(
      (r) => r.times > 0 && (!r.method || r.method === request.method) && (!r.pathIncludes || request.path.includes(r.pathIncludes)),
    );
    if (!rule) return undefined;
    rule.times -= 1;
    return rule.fault;
  }

  private async handle(request: RecordedRequest, res: ServerResponse): Promise<void> {
    const delay = this.latency.fixedMs + Math.random() * this.latency.jitterMs;
    if (delay > 0) await sleep(delay);

    const fault = this.takeFault(request);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'hold') await new Promise<void>((resolve) => this.held.push(resolve));
    if (fault?.kind === 'reset') {
      res.socket?.destroy();
      return;
    }
    if (fault?.kind === 'html') {
      return send(res, {
        status: 200,
        headers: { 'content-type': 'text/html' },
        body: '<html><body><h1>Gateway Timeout</h1>proxy error</body></html>',
      });
    }
    if (fault?.kind === 'echo') return send(res, this.api.badRequest(echo(request)));
    if (fault?.kind === 'flood') {
      if (!(await flood(res, fault.bytes, fault.declared ?? false))) this.cutOff += 1;
      return;
    }
    if (fault?.kind === 'status') {
      return send(res, {
        status: fault.status,
        headers: { 'content-type': fault.contentType ?? 'text/plain', ...fault.headers },
        body: fault.body ?? `HTTP ${fault.status}`,
      });
    }
    if (fault && fault.kind !== 'malformed' && fault.kind !== 'hold' && fault.kind !== 'applied') {
      const reply = this.api.fault?.(fault);
      if (reply) return send(res, reply);
    }

    const reply = await this.route(request);
    if (fault?.kind === 'applied') {
      return send(res, {
        status: fault.status,
        headers: { 'content-type': 'text/html' },
        body: `<html><body>${fault.status}</body></html>`,
      });
    }
    if (fault?.kind === 'malformed' && reply.body) {
      return send(res, { ...reply, status: reply.status, body: reply.body.slice(0, Math.ceil(reply.body.length / 2)) });
    }
    send(res, reply);
  }

  private async route(request: RecordedRequest): Promise<SimulatorReply> {
    const url = new URL(request.path, 'http://simulator');
    const ctx: RouteContext = { method: request.method, params: {}, query: url.searchParams, headers: request.headers, body: request.body };
    const rawPath = request.path.split('?')[0] as string;
    if (!rawPath.startsWith(this.basePath)) return this.api.notFound(ctx);
    const refused = this.api.authenticate(request.headers);
    if (refused) return refused;
    const segments = rawPath.slice(this.basePath.length).split('/').filter(Boolean);
    const match = matchRoute(this.api.routes, request.method, segments);
    if (!match) return this.api.notFound(ctx);
    return match.route.handler({ ...ctx, params: match.params });
  }
}

/** What a debugging upstream repeats of a request it refuses: its credentials first, raw and decoded. */
function echo(request: RecordedRequest): string {
  const credential = request.headers.authorization ?? request.headers['ocp-apim-subscription-key'] ?? '';
  const basic = basicCredentials(request.headers.authorization);
  const decoded = basic ? ` (${basic.user}:${basic.password})` : '';
  return `refused ${credential}${decoded} on ${request.method} ${request.path}`;
}

/** Sends `bytes` of a JSON string as fast as the client takes them; false when the client closed the connection first. */
async function flood(res: ServerResponse, bytes: number, declared: boolean): Promise<boolean> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  res.writeHead(200, { 'content-type': 'application/json', ...(declared ? { 'content-length': bytes } : {}) });
  let sent = 0;
  while (sent < bytes) {
    if (res.destroyed) return false;
    const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
    sent += piece.length;
    if (!res.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  res.end();
  return !res.destroyed;
}

function send(res: ServerResponse, reply: SimulatorReply): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  // 204 and 304 carry no body by definition (Node drops it, so a Content-Length would lie).
  const body = reply.status === 204 || reply.status === 304 ? undefined : reply.body;
  if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
  res.writeHead(reply.status, headers);
  res.end(body);
}
