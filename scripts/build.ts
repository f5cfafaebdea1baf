// `npm run build`: the production build, dist/src/server.js, bundled and minified by esbuild. `tsc`
// type-checks (in `npm test`) and emits nothing. Bundled, because V8 keeps the source text of every
// module it loads on the heap: unbundled, that was 11 MB of the gateway's 37 MB at rest, and under
// load the old generation grows to a multiple of what lives at rest (docs/performance.md).
// What only some configurations load (the simulators, OpenTelemetry, Redis, the response cache,
// GraphiQL) stays in chunks of its own, loaded by the `import()` that names it.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const outdir = 'dist/src';
rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: ['src/server.ts'],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Whitespace and syntax only: identifiers keep their names, in stack traces and CPU profiles. The
  // source text is most of what bundling saves; mangling names saved no more memory (measured).
  minifyWhitespace: true,
  minifySyntax: true,
  // Stack traces point into the bundle; `node --enable-source-maps` (or these maps offline) reads them,
  // as bench/profile-summary.ts does to tell which package a sample belongs to.
  sourcemap: true,
  // Bundled CommonJS packages call require() for Node's built-ins; an ES module has none of its own.
  banner: { js: "import { createRequire as __sbCreateRequire } from 'node:module'; const require = __sbCreateRequire(import.meta.url);" },
  // pino-pretty is required at run time, and only by a terminal's logger (src/logger.ts).
  external: ['pino-pretty'],
  logLevel: 'warning',
});
