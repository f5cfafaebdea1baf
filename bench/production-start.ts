// The gateway as `npm run start:production` starts it: its node flags, read from package.json, so the
// benchmark and the soak measure exactly what a user runs; and a built checkout started that way, for
// the tools that compare builds.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { freePort } from '../test/support/net.js';

const { scripts } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
const start = scripts['start:production'] ?? '';

export const productionNodeFlags = start.split(/\s+/).filter((part) => part.startsWith('--'));

export interface ProductionBuild {
  url: string;
  child: ChildProcess;
  /** SIGTERM, resolved once the process has exited. */
  stop(): Promise<void>;
}

/**
 * The production build of the checkout in `dir` (built), started with the node flags above on a free
 * port of 127.0.0.1, log level `warn` unless `env` says otherwise; resolves once `/health` answers.
 */
export async function startProductionBuild(dir: string, env: Record<string, string>, nodeFlags: string[] = []): Promise<ProductionBuild> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeFlags, ...productionNodeFlags, `${dir}/dist/src/server.js`], {
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const healthy = () =>
    fetch(`${url}/health`).then(
      (answer) => answer.ok,
      () => false,
    );
  for (let i = 0; !(await healthy()); i += 1) {
    if (i === 200 || child.exitCode !== null) {
      child.kill('SIGKILL');
      const why = child.exitCode !== null ? `exited with ${child.exitCode}` : 'did not answer /health within 10 s';
      throw new Error(`${dir}/dist/src/server.js ${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    child,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
