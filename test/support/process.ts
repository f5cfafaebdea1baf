// What the tests that go beyond one process need from the machine: the compiled gateway, redis-server,
// Chromium. Each is checked up front, so a missing one fails at once and says how to get it.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiledServer = fileURLToPath(new URL('../../dist/src/server.js', import.meta.url));

/** Starts the production build, dist/src/server.js (`npm test` builds it first: scripts/build.ts). */
export function spawnGateway(env: Record<string, string | undefined>): ChildProcess {
  if (!existsSync(compiledServer)) {
    throw new Error(`${compiledServer} is missing: run \`npm run build\` (\`npm test\` builds the gateway before the tests run)`);
  }
  return spawn(process.execPath, [compiledServer], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The path of a program the tests need, or an error that says how to install it. */
export function requireProgram(program: string, install: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${program}`], { encoding: 'utf8' }).stdout.trim();
  if (found === '' && !existsSync(program)) throw new Error(`${program} is not installed: ${install} (.ci/run installs it)`);
  return found || program;
}
