// A trial of docs/upstreams.md's "Adding an upstream", as a new contributor would do it: a toy seventh upstream
// (a JSON voicemail list on Customer) is added in a scratch worktree of HEAD with only the files the recipe
// names, then type-checked, the schema regenerated, and the recipe's test, its client test, the schema
// test and the fault suite run. The worktree is removed again; the repository is not touched.
//
//   npx tsx scripts/trial-upstream.ts
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dir = join(mkdtempSync(join(tmpdir(), 'switchboard-trial-')), 'tree');
const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: dir, stdio: 'inherit' });
const edit = (path: string, change: (text: string) => string) =>
  writeFileSync(join(dir, path), change(readFileSync(join(dir, path), 'utf8')));
const write = (path: string, text: string) => writeFileSync(join(dir, path), text);

/** Inserts `text` after the first line that contains `anchor`. */
const after = (anchor: string, text: string) => (source: string) => {
  const at = source.indexOf('\n', source.indexOf(anchor)) + 1;
  if (source.indexOf(anchor) < 0) throw new Error(`the recipe's anchor is gone: ${anchor}`);
  return source.slice(0, at) + text + source.slice(at);
};

execFileSync('git', ['worktree', 'add', '--detach', dir, 'HEAD'], { cwd: repo, stdio: 'inherit' });
try {
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));

  // 1. The client and its descriptor.
  run('mkdir', ['-p', 'src/upstreams/voicemail']);
  write(
    'src/upstreams/voicemail/client.ts',
    `// Client of a toy voicemail API: a customer's messages.
import { z } from 'zod';
import { type FailureReading, type UpstreamResponse, upstreamWords } from '../http/errors.js';
import { readErrorBody } from '../http/parse.js';
import { path } from '../http/path.js';
import type { UpstreamHttp } from '../http/transport.js';

/** Its errors are \`{"message"}\`. */
export function readVoicemailFailure(response: UpstreamResponse): FailureReading {
  return { detail: upstreamWords(readErrorBody(response, z.object({ message: z.string() }))?.message) };
}

const messageSchema = z.object({ id: z.string().min(1), from: z.string().nullish(), receivedAt: z.string().nullish() });
export type VoicemailRecord = z.infer<typeof messageSchema>;

export class VoicemailClient {
  constructor(private readonly http: UpstreamHttp) {}

  list(customerId: string): Promise<VoicemailRecord[]> {
    return this.http.call({ method: 'GET', path: path\`/customers/\${customerId}/voicemails\` }, (reply) => reply.json(z.array(messageSchema)));
  }
}
`,
  );
  write(
    'src/upstreams/voicemail/index.ts',
    `// A toy voicemail API (JSON).
import { defineUpstream } from '../descriptor.js';
import { readVoicemailFailure, VoicemailClient } from './client.js';

export const voicemail = defineUpstream({
  name: 'voicemail',
  title: 'Voicemail API',
  urlSetting: 'VOICEMAIL_URL',
  credentials: { VOICEMAIL_TOKEN: { simulator: 'sim-voicemail-token', secret: true } },
  simulatorPort: 4107,
  scopes: ['voicemail:read'],
  headers: (s) => ({ authorization: \`Bearer \${s.VOICEMAIL_TOKEN}\` }),
  readFailure: readVoicemailFailure,
  client: (http) => new VoicemailClient(http),
  simulator: async (setup, s) => (await import('../../simulators/voicemail.js')).startVoicemailSimulator({ ...setup, token: s.VOICEMAIL_TOKEN }),
});
`,
  );

  // 2. Its simulator, with demo data.
  write(
    'src/simulators/voicemail.ts',
    `// Simulator of the toy voicemail API.
import { ACME } from './demo.js';
import { bearerToken, json, type SimulatorOptions, SimulatorServer } from './server.js';

const demo = () => ({ messages: new Map([[ACME, [{ id: 'vm-1', from: '+18283334444', receivedAt: '2026-12-01T09:00:00Z' }]]]) });

export async function startVoicemailSimulator(options: SimulatorOptions & { token: string }) {
  const state = demo();
  const server = new SimulatorServer(
    {
      routes: [{ method: 'GET', pattern: '/customers/:customerId/voicemails', handler: ({ params }) => json(200, state.messages.get(params.customerId as string) ?? []) }],
      authenticate: (headers) => (bearerToken(headers) === options.token ? undefined : json(401, { message: 'bad token' })),
      notFound: () => json(404, { message: 'not found' }),
      badRequest: (words) => json(400, { message: words }),
      restoreDemo: () => Object.assign(state, demo()),
    },
    options,
  );
  await server.listen(options.host, options.port);
  return Object.assign(server, { state });
}
`,
  );

  // 3. One line in the registry.
  edit('src/upstreams/registry.ts', (s) =>
    after(
      "import { uapi } from './uapi/index.js';",
      "import { voicemail } from './voicemail/index.js';\n",
    )(s).replace('contacts, uapi] as const', 'contacts, uapi, voicemail] as const'),
  );

  // 4. Its scope.
  edit('src/auth.ts', after("'numbers:disconnect',", "  'voicemail:read',\n"));

  // 5. Its schema domain, imported by the schema index.
  write(
    'src/schema/voicemail.ts',
    `// The toy voicemail API in the graph: a customer's messages.
import { builder } from '../builder.js';
import { eachKey, requestLoader } from '../loaders.js';
import type { VoicemailRecord } from '../upstreams/voicemail/client.js';
import { Customer } from './customer.js';

const byCustomer = requestLoader<string, VoicemailRecord[]>(eachKey((customerId, ctx) => ctx.upstreams.voicemail.list(customerId)));

const Voicemail = builder.objectRef<VoicemailRecord>('Voicemail').implement({
  description: 'A voicemail message.',
  fields: (t) => ({ id: t.exposeID('id'), from: t.exposeString('from', { nullable: true }) }),
});

builder.objectField(Customer, 'voicemails', (t) =>
  t.field({ type: [Voicemail], nullable: true, authScopes: { 'voicemail:read': true }, resolve: (c, _, ctx) => byCustomer(ctx).load(c.id) }),
);
`,
  );
  edit('src/schema/index.ts', after("import './retire.js';", "import './voicemail.js';\n"));

  // 6. Its client test, and its read for the fault and secrets suites.
  write(
    'test/clients/voicemail.test.ts',
    `import { describe, expect, it } from 'vitest';
import { ACME } from '../../src/simulators/demo.js';
import { startVoicemailSimulator } from '../../src/simulators/voicemail.js';
import { VoicemailClient } from '../../src/upstreams/voicemail/client.js';
import { useUpstream } from '../support/http.js';

const up = useUpstream({
  upstream: 'voicemail',
  start: () => startVoicemailSimulator({ token: 't' }),
  headers: { authorization: 'Bearer t' },
  client: (http) => new VoicemailClient(http),
});

describe('voicemail client', () => {
  it("lists a customer's messages", async () => {
    expect((await up.client.list(ACME)).map((m) => m.id)).toEqual(['vm-1']);
  });
});
`,
  );
  edit(
    'test/support/reads.ts',
    after(
      'const reads: Record<UpstreamName, Read> = {',
      `  voicemail: {
    query: \`{ customer(id: "\${ACME}") { voicemails { id } phones { version } } }\`,
    failed: (d) => d.customer?.voicemails,
    survived: (d) => d.customer?.phones,
  },
`,
    ),
  );

  // 7. Its settings in the README.
  appendFileSync(join(dir, 'README.md'), '\n| `VOICEMAIL_URL`, `VOICEMAIL_TOKEN` | the toy voicemail API | unset: simulator |\n');

  // 8. The printed schema and typed operations, then the checks.
  run('npm', ['run', '-s', 'codegen']);
  run('npx', ['tsc', '--noEmit']);
  run('npx', [
    'vitest',
    'run',
    'test/registry.test.ts',
    'test/clients/voicemail.test.ts',
    'test/schema.test.ts',
    'test/gateway/faults.test.ts',
    'test/gateway/secrets.test.ts',
  ]);
  console.log('\nThe trial passed: a seventh upstream added by the recipe alone type-checks and passes its tests.');
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', dir], { cwd: repo, stdio: 'inherit' });
}
