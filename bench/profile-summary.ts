// `npx tsx bench/profile-summary.ts <file.cpuprofile|file.heapprofile> [...]`: where a process's CPU
// time (or, for a .heapprofile from `--alloc`, the bytes it allocated) went, by package
// (node_modules/<name>), by our own file (src/…), and by Node itself, as shares of all samples; for
// allocations also the functions that allocated most.
// The README's per-feature costs come from comparing these between the gateway and the stack floor.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { url: string; functionName: string };
  hitCount?: number;
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

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

interface HeapNode {
  callFrame: { url: string; functionName: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

function summariseAllocations(file: string, head: HeapNode) {
  const byOwner = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  const visit = (node: HeapNode) => {
    const { url, functionName, lineNumber } = node.callFrame;
    const key = owner(url, functionName);
    byOwner.set(key, (byOwner.get(key) ?? 0) + node.selfSize);
    const where = `${functionName || '(anonymous)'} ${key}:${lineNumber + 1}`;
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

for (const file of process.argv.slice(2)) {
  if (file.endsWith('.heapprofile')) {
    summariseAllocations(file, (JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode }).head);
    continue;
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id);
    if (!node) return;
    const key = owner(node.callFrame.url, node.callFrame.functionName);
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
