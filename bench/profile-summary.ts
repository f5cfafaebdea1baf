// `npx tsx bench/profile-summary.ts <file.cpuprofile|file.heapprofile> [...]`: where a process's CPU
// time (or, for a .heapprofile from `--alloc`, the bytes it allocated) went, by package
// (node_modules/<name>), by our own file (src/…), and by Node itself, as shares of all samples; for
// allocations also the functions that allocated most. With --features, CPU time by the gateway's
// features instead (see `features`).
// The README's per-feature costs come from comparing these between the gateway and the stack floor.
import { existsSync, readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

interface Node {
  id: number;
  callFrame: CallFrame;
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

interface CallFrame {
  url: string;
  functionName: string;
  lineNumber?: number;
  columnNumber?: number;
}

/** Source maps of the bundled production build's files (scripts/build.ts), by the file's URL; null where there is none. */
const maps = new Map<string, SourceMap | null>();

/**
 * Where a frame's code came from: in the production bundle, the source file its source map names
 * (`../../node_modules/zod/…`, `../../src/…`), so the bundle's samples are owned as the unbundled ones were.
 */
function located({ url, lineNumber, columnNumber }: CallFrame): { url: string; line: number } {
  const asIs = { url, line: lineNumber ?? -1 };
  if (!url.startsWith('file://') || lineNumber === undefined || columnNumber === undefined) return asIs;
  let map = maps.get(url);
  if (map === undefined) {
    const file = `${fileURLToPath(url)}.map`;
    map = existsSync(file) ? new SourceMap(JSON.parse(readFileSync(file, 'utf8'))) : null;
    maps.set(url, map);
  }
  // A mapping can name no source (code esbuild generated itself): that frame stays the bundle's.
  const entry = map?.findEntry(lineNumber, columnNumber);
  return entry && 'originalSource' in entry && typeof entry.originalSource === 'string'
    ? { url: entry.originalSource, line: entry.originalLine }
    : asIs;
}

const sourceOf = (frame: CallFrame) => located(frame).url;

function owner(url: string, functionName: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1] as string;
  const own = /\/(src\/.+?|bench\/.+?)(\.[jt]s)?$/.exec(url);
  if (own) return own[1] as string;
  if (url.startsWith('node:')) return url;
  if (url === '')
    return functionName === '(garbage collector)' ? '(garbage collector)' : functionName === '(idle)' ? '(idle)' : '(native/V8)';
  return url;
}

/**
 * The gateway's features, by the owners (packages and files) that do their work. A sample belongs to the
 * nearest frame, from the leaf up, that one of them owns: a builtin such as JSON.parse or a promise
 * reaction counts for the feature that called it.
 */
const features: [string, RegExp][] = [
  ['logging (pino, the operation line)', /^(pino|sonic-boom|@pinojs\/redact|src\/plugins\/use-operation-log|src\/logger)$/],
  ['metrics (prom-client, operation metrics)', /^(prom-client|src\/metrics|src\/plugins\/use-operation-metrics)$/],
  ['auth (token, scopes)', /^(jose|src\/auth|src\/field-scopes)$/],
  ['limits (graphql-armor, CSRF)', /^(@escape\.tech\/.*|src\/limits|src\/plugins\/use-csrf-prevention)$/],
  ['admission queue', /^(src\/admission|src\/plugins\/use-admission)$/],
  ['upstream validation (status, JSON, zod)', /^(zod|fast-xml-parser|src\/upstreams\/http\/parse|src\/upstreams\/http\/errors)$/],
  ['retries and breaker (cockatiel)', /^cockatiel$/],
  ['transport (budget, memo, call records)', /^src\/upstreams\/http\/(transport|path)$/],
  ['upstream clients', /^src\/upstreams\/(?!http\/).+$/],
  ['batching (dataloader)', /^(dataloader|src\/loaders)$/],
  ['E.164 (libphonenumber-js)', /^(libphonenumber-js|src\/phone)$/],
  ['resolvers and schema (Pothos)', /^(src\/schema\/.+|@pothos\/core|@pothos\/plugin-.+)$/],
  [
    'GraphQL execution (graphql-jit, graphql-js, tools)',
    /^(graphql-jit|graphql|@graphql-tools\/.+|src\/plugins\/use-compiled-execution|\(compiled query\))$/,
  ],
  [
    'Yoga, Envelop, Fetch API',
    /^(graphql-yoga|@envelop\/core|@envelop\/.+|@whatwg-node\/.+|@graphql-yoga\/.+|src\/yoga|src\/context|src\/request-id|src\/plugins\/.+)$/,
  ],
  ['undici (upstream HTTP)', /^undici$/],
  ['the server and its process (node:http, src/gateway)', /^(src\/gateway|src\/server)$/],
  ['benchmark server code', /^bench\/.+$/],
];

/** graphql-jit's compiled functions have no script: they are known by their generated names. */
const compiledName = /(ResolverHandler|MapItemHandler|MapHandler|^query$|^mutation$)/;

function featureSummary(file: string, profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const featureOf = new Map<number, string>();
  const resolve = (id: number): string => {
    const known = featureOf.get(id);
    if (known) return known;
    const node = byId.get(id);
    let result = 'Node and V8, called from no feature';
    if (node) {
      const { url, functionName } = node.callFrame;
      const who = url === '' && compiledName.test(functionName) ? '(compiled query)' : owner(sourceOf(node.callFrame), functionName);
      const feature = features.find(([, pattern]) => pattern.test(who))?.[0];
      if (who === '(garbage collector)') result = 'garbage collection';
      else if (feature) result = feature;
      else {
        const up = parent.get(id);
        if (up !== undefined) result = resolve(up);
      }
    }
    featureOf.set(id, result);
    return result;
  };
  const time = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') return;
    const delta = profile.timeDeltas[i] ?? 0;
    const feature = resolve(id);
    time.set(feature, (time.get(feature) ?? 0) + delta);
    busy += delta;
  });
  process.stdout.write(`\n${file}: ${(busy / 1e6).toFixed(1)} s busy, by feature\n`);
  for (const [key, micros] of [...time].sort((a, b) => b[1] - a[1])) {
    process.stdout.write(`  ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${key}\n`);
  }
}

interface HeapNode {
  callFrame: CallFrame;
  selfSize: number;
  children: HeapNode[];
}

function summariseAllocations(file: string, head: HeapNode) {
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  const visit = (node: HeapNode) => {
    const { functionName } = node.callFrame;
    const { url, line } = located(node.callFrame);
    const key = owner(url, functionName);
    byOwner.set(key, (byOwner.get(key) ?? 0) + node.selfSize);
    const where = `${functionName || '(anonymous)'} ${key}:${line + 1}`;
    byFunction.set(where, (byFunction.get(where) ?? 0) + node.selfSize);
    total += node.selfSize;
    for (const child of node.children) visit(child);
  };
  visit(head);
  process.stdout.write(`\n${file}: ${(total / 2 ** 20).toFixed(0)} MB allocated (sampled)\n`);
  for (const [title, map] of [
    ['by owner', byOwner],
    ['by function', byFunction],
  ] as const) {
    process.stdout.write(`  ${title}\n`);
    for (const [key, bytes] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 25))) {
      process.stdout.write(`  ${((100 * bytes) / total).toFixed(1).padStart(5)} %  ${key}\n`);
    }
  }
}

const byFeature = process.argv.includes('--features');
for (const file of process.argv.slice(2).filter((a) => a !== '--features')) {
  if (file.endsWith('.heapprofile')) {
    summariseAllocations(file, (JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode }).head);
    continue;
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  if (byFeature) {
    featureSummary(file, profile);
    continue;
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const key = owner(sourceOf(node.callFrame), node.callFrame.functionName);
    const delta = profile.timeDeltas[i] ?? 0;
    time.set(key, (time.get(key) ?? 0) + delta);
    total += delta;
  });
  const busy = total - (time.get('(idle)') ?? 0);
  process.stdout.write(`\n${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy\n`);
  for (const [key, micros] of [...time].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 30))) {
    if (key === '(idle)') continue;
    process.stdout.write(`  ${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${key}\n`);
  }
}
