// The README's examples are src/examples.ts verbatim, each with the command that runs it; and they
// run, through that command's own code, against a gateway on the simulators as `npm start` serves
// it: in order, and each alone after a demo reset.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resetDemo, runExample } from '../scripts/example.js';
import { examples } from '../src/examples.js';
import { exampleOperations } from '../src/graphiql.js';
import { useGateway } from './support/gateway.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)\n```\n\n`npm run example -- (\w+)`/g)].map((m) => ({
  document: m[1] as string,
  name: m[2] as string,
}));
// Orders move on their own, as under `npm start`, so the subscription example reaches a final status.
const gw = useGateway({ DISCONNECT_POLL_MS: '100' }, { simulators: { orderStepMs: 200 } });

const problems = async (example: (typeof examples)[number]) => {
  const run = await runExample(gw.url, example);
  const errors = run.answers.flatMap((a) => a.errors ?? []);
  if (run.answers.length === 0) return [`${example.name}: no answer`];
  return errors.map((e) => `${example.name}: ${e.extensions?.code}: ${e.message}`);
};

describe('README examples', () => {
  it('shows every example verbatim, in order, each followed by the command that runs it', () => {
    expect(blocks.map((b) => b.name)).toEqual(examples.map((e) => e.name));
    for (const [i, block] of blocks.entries()) expect(block.document).toBe(examples[i]?.document);
    expect([...readme.matchAll(/```graphql/g)]).toHaveLength(examples.length);
  });

  it('are the operations GraphiQL opens with', () => {
    for (const example of examples) expect(exampleOperations).toContain(example.document);
  });

  it('holds no placeholder to paste over', () => {
    expect(readme).not.toMatch(/<order id>|paste-an|<the order/);
  });

  it('run in order without an error', async () => {
    await resetDemo(gw.url);
    const failures = [];
    for (const example of examples) failures.push(...(await problems(example)));
    expect(failures).toEqual([]);
  }, 30_000);

  it('each run alone after a demo reset without an error', async () => {
    const failures = [];
    for (const example of examples) {
      await resetDemo(gw.url);
      failures.push(...(await problems(example)));
    }
    expect(failures).toEqual([]);
  }, 30_000);

  it('run after the demo reset as they ran the first time, in reverse order too', async () => {
    await resetDemo(gw.url);
    const failures = [];
    for (const example of [...examples].reverse()) failures.push(...(await problems(example)));
    expect(failures).toEqual([]);
  }, 30_000);
});
