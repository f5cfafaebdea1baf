// `npm run example -- <name>`: sends one of the example operations (src/examples.ts, the README's) to
// a running gateway and prints its answer; a subscription prints each event until the stream ends.
// What the operation needs from an earlier step (an order id, the current version) is read first.
// `npm run example` lists them; `npm run example -- --reset` puts the demo data back.
// SWITCHBOARD_URL (default http://127.0.0.1:4000) and SWITCHBOARD_TOKEN (a bearer token) say where and as whom.
import { pathToFileURL } from 'node:url';
import { request } from 'undici';
import { type Ask, type Example, examples } from '../src/examples.js';
import { sseEvents } from './sse.js';

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface ExampleRun {
  example: string;
  variables: Record<string, unknown>;
  /** The answer, or each event of a subscription. */
  answers: Answer[];
}

const headersFor = (token: string | undefined, accept: string) => ({
  'content-type': 'application/json',
  accept,
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

async function post(base: string, token: string | undefined, query: string, variables: Record<string, unknown>): Promise<Answer> {
  const res = await request(`${base}/graphql`, {
    method: 'POST',
    headers: headersFor(token, 'application/graphql-response+json, application/json'),
    body: JSON.stringify({ query, variables }),
  });
  return (await res.body.json()) as Answer;
}

/** A subscription's events over Server-Sent Events, each handed to `onEvent` as it comes, until `complete`. */
async function stream(
  base: string,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown>,
  onEvent: (answer: Answer) => void,
): Promise<Answer[]> {
  const res = await request(`${base}/graphql`, {
    method: 'POST',
    headers: headersFor(token, 'text/event-stream'),
    body: JSON.stringify({ query, variables }),
  });
  const answers: Answer[] = [];
  for await (const { event, data } of sseEvents(res.body)) {
    if (event === 'complete') break;
    if (event !== 'next' || !data) continue;
    const answer = JSON.parse(data) as Answer;
    answers.push(answer);
    onEvent(answer);
  }
  return answers;
}

/** Runs one example against the gateway at `base`: its preparation, then the operation. */
export async function runExample(
  base: string,
  example: Example,
  {
    token,
    onPrepared = () => {},
    onEvent = () => {},
  }: {
    token?: string | undefined;
    /** The variables read before the operation is sent. */
    onPrepared?: (variables: Record<string, unknown>) => void;
    onEvent?: (answer: Answer) => void;
  } = {},
): Promise<ExampleRun> {
  const ask: Ask = async <T>(query: string, variables: Record<string, unknown> = {}) => {
    const answer = await post(base, token, query, variables);
    if (answer.errors?.length) throw new Error(`preparing ${example.name}: ${answer.errors.map((e) => e.message).join('; ')}`);
    return answer.data as T;
  };
  const variables = example.prepare ? await example.prepare(ask) : {};
  if (example.prepare) onPrepared(variables);
  if (example.document.startsWith('subscription')) {
    return { example: example.name, variables, answers: await stream(base, token, example.document, variables, onEvent) };
  }
  const answer = await post(base, token, example.document, variables);
  onEvent(answer);
  return { example: example.name, variables, answers: [answer] };
}

/** POST /simulators/reset: the demo data as `npm start` began it. */
export async function resetDemo(base: string, token?: string): Promise<void> {
  const res = await request(`${base}/simulators/reset`, { method: 'POST', headers: headersFor(token, 'application/json'), body: '{}' });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`the gateway answered HTTP ${res.statusCode} to the reset: ${text}`);
}

async function main(argv: string[]): Promise<number> {
  const base = (process.env.SWITCHBOARD_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
  const token = process.env.SWITCHBOARD_TOKEN;
  const name = argv[0];
  if (name === '--reset') {
    await resetDemo(base, token);
    process.stdout.write('The demo data is back as it began.\n');
    return 0;
  }
  const example = examples.find((e) => e.name === name);
  if (!example) {
    if (name) process.stderr.write(`No example is called ${name}.\n`);
    process.stdout.write(`npm run example -- <name>, one of:\n${examples.map((e) => `  ${e.name.padEnd(24)} ${e.title}`).join('\n')}\n`);
    return name ? 1 : 0;
  }
  const run = await runExample(base, example, {
    token,
    onPrepared: (variables) => process.stderr.write(`(read first: ${JSON.stringify(variables)})\n`),
    onEvent: (answer) => process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`),
  });
  return run.answers.some((a) => a.errors?.length) ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      const reason =
        error instanceof Error
          ? error.cause instanceof Error
            ? `${error.message}: ${error.cause.message}`
            : error.message
          : String(error);
      const down = /ECONNREFUSED/.test(reason) ? ' (is the gateway running? `npm start` starts it)' : '';
      process.stderr.write(`example: ${reason}${down}\n`);
      process.exit(1);
    },
  );
}
