// The real process, as `npm start` runs it: it starts on simulators, survives abuse, and stops cleanly.
import { type ChildProcess, spawn } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnGateway } from './support/process.js';

let child: ChildProcess;
let url: string;
const output: string[] = [];

beforeAll(async () => {
  child = spawnGateway({ PORT: '0', LOG_LEVEL: 'info', NODE_ENV: 'development' });
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within 40 s:\n${output.join('')}`)), 40_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output.push(String(chunk));
      const match = /Switchboard is serving GraphQL .* at (http:\/\/[^/\s]+)\/graphql/.exec(output.join(''));
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => output.push(String(chunk)));
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output.join('')}`)));
  });
}, 45_000);
afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

function rawRequest(text: string): Promise<void> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.end(text);
    });
    socket.on('error', () => resolve());
    socket.on('close', () => resolve());
    socket.resume();
  });
}

describe('the process', () => {
  it('says, upstream by upstream, that it serves each from its simulator', () => {
    for (const setting of [
      'CUSTOMER_PHONES_URL',
      'PHONE_NUMBERS_URL',
      'CATAPULT_URL',
      'BANDWIDTH_DASHBOARD_URL',
      'CONTACTS_URL',
      'UAPI_URL',
    ]) {
      expect(output.join('')).toContain(`${setting} is not set`);
    }
  });

  it('keeps serving after garbage, cut-off and oversized requests', async () => {
    await rawRequest('this is not http\r\n\r\n');
    await rawRequest('POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":');
    await rawRequest(`GET /graphql?query=${'{'.repeat(10_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
    await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": 42}' });
    await fetch(`${url}/callbacks/bandwidth`, { method: 'POST', body: '<<<' });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ customer(id: "3f2c1a9e-6b1d-4e8a-9c77-0a1b2c3d4e02") { phoneNumbers { e164 } } }' }),
    });
    expect(await res.json()).toEqual({ data: { customer: { phoneNumbers: [{ e164: '+6492645555' }] } } });
  });

  it('says in its start-up line what is on and what is off', () => {
    const line =
      output
        .join('')
        .split('\n')
        .find((l) => l.includes('Switchboard is serving GraphQL')) ?? '';
    const { on, off } = JSON.parse(line) as { on: string[]; off: string[] };
    expect(on.some((f) => f.startsWith('simulators (customerPhones, phoneNumbers, catapult, dashboard, contacts, uapi)'))).toBe(true);
    expect(off).toEqual(expect.arrayContaining(['authentication', 'response cache', 'tracing', 'Redis', 'trusted documents']));
  });

  it('is ready, and stops cleanly on SIGTERM with a last line that says it stopped', async () => {
    expect((await fetch(`${url}/readiness`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const last = output.join('').trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ msg: 'stopped', signal: 'SIGTERM' });
  });
});

describe('a bad setting', () => {
  it('stops the start with exit code 1 and one message naming the setting', async () => {
    const bad = spawnGateway({ PORT: 'eighty', UPSTREAM_TIMEOUT_MS: '5000' });
    let stderr = '';
    bad.stderr?.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const code = await new Promise<number | null>((resolve) => bad.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain('PORT="eighty"');
  });
});

/** Runs a process to its exit and returns its code and everything it wrote. */
function runToExit(process_: ChildProcess): Promise<{ code: number | null; output: string }> {
  let output = '';
  process_.stdout?.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  process_.stderr?.on('data', (chunk: Buffer) => {
    output += String(chunk);
  });
  return new Promise((resolve) => process_.once('exit', (code) => resolve({ code, output })));
}

describe('a bad secret', () => {
  it('is named with its rule, and its value appears nowhere in the output', async () => {
    const { code, output } = await runToExit(spawnGateway({ AUTH_JWT_SECRET: 'short-but-real-secret' }));
    expect(code).toBe(1);
    expect(output).toContain('AUTH_JWT_SECRET must be at least 32 characters');
    expect(output).not.toContain('short-but-real-secret');
  });
});

describe('npm run start:production', () => {
  it('is production by itself: with no upstream configured it refuses to start and names what is missing', async () => {
    const env = { ...process.env };
    delete env.NODE_ENV;
    const { code, output } = await runToExit(
      spawn('npm', ['run', '--silent', 'start:production'], { env, stdio: ['ignore', 'pipe', 'pipe'] }),
    );
    expect(code).toBe(1);
    expect(output).toContain('in production (simulators never start there)');
    expect(output).toContain('AUTH_JWT_SECRET must be set in production');
  });
});
