// The recipe for adding an upstream (docs/upstreams.md, "Adding an upstream"), enforced: every upstream in the
// registry has what the recipe asks for, and a missing piece fails here, naming the upstream and the piece.
// (What TypeScript enforces is not checked again here: the soak's reset and the fault map are typed by the registry.)
import { existsSync, readFileSync } from 'node:fs';
import { type GraphQLSchema, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { scopes } from '../src/auth.js';
import { simulatorCredentials } from '../src/config.js';
import { schema } from '../src/schema/index.js';
import { descriptors } from '../src/upstreams/registry.js';

const file = (path: string) => new URL(`../${path}`, import.meta.url);
const readme = readFileSync(file('README.md'), 'utf8');

/** The scopes some field of the schema asks for. */
function scopesOnFields(built: GraphQLSchema): Set<string> {
  const found = new Set<string>();
  const collect = (value: unknown) => {
    if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if ((scopes as readonly string[]).includes(key)) found.add(key);
        collect(inner);
      }
    }
  };
  for (const type of Object.values(built.getTypeMap())) {
    if (!isObjectType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      const authScopes = (field.extensions as { pothosOptions?: { authScopes?: unknown } }).pothosOptions?.authScopes;
      // Scopes that depend on the arguments are a function: its result for no arguments says which it may ask for.
      collect(typeof authScopes === 'function' ? authScopes({}, { extension: 'x' }) : authScopes);
    }
  }
  return found;
}

/** True when the simulator's state holds any data at all. */
function holdsData(value: unknown): boolean {
  if (value instanceof Map || value instanceof Set) return value.size > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value && typeof value === 'object') return Object.values(value).some(holdsData);
  return false;
}

describe.each(descriptors.map((d) => [d.name, d] as const))('the upstream %s', (name, d) => {
  it('has a client test file, test/clients/<name>.test.ts', () => {
    expect(existsSync(file(`test/clients/${name}.test.ts`)), `test/clients/${name}.test.ts is missing`).toBe(true);
  });

  it('has a simulator, src/simulators/<name>.ts, started with demo data that restoreDemo brings back', async () => {
    expect(existsSync(file(`src/simulators/${name}.ts`)), `src/simulators/${name}.ts is missing`).toBe(true);
    const settings = Object.fromEntries(
      Object.keys(d.credentials).map((s) => [s, simulatorCredentials[s as keyof typeof simulatorCredentials]]),
    );
    const simulator = await d.simulator({ host: '127.0.0.1', port: 0, orderStepMs: 'manual' }, settings);
    try {
      const { state } = simulator as { state?: unknown };
      expect(holdsData(state), `${name}'s simulator starts with no demo data`).toBe(true);
      simulator.restoreDemo();
      expect(holdsData(state), `${name}'s restoreDemo leaves no demo data`).toBe(true);
    } finally {
      await simulator.close();
    }
  });

  it('has a simulator port no other upstream has', () => {
    const others = descriptors.filter((o) => o.name !== name).map((o) => o.simulatorPort);
    expect(others, `${name}'s simulatorPort ${d.simulatorPort} is taken`).not.toContain(d.simulatorPort);
  });

  it("has its settings in the README's settings table", () => {
    const rows = readme.split('\n').filter((line) => line.startsWith('|'));
    for (const setting of [d.urlSetting, ...Object.keys(d.credentials)]) {
      expect(
        rows.some((row) => row.includes(`\`${setting}\``)),
        `${setting} has no row in the README`,
      ).toBe(true);
    }
  });

  it('has scopes, each in the token scopes (auth.ts) and asked for by some field', () => {
    expect(d.scopes.length, `${name} declares no scopes`).toBeGreaterThan(0);
    const onFields = scopesOnFields(schema);
    for (const scope of d.scopes) {
      expect(scopes, `${scope} is not in auth.ts`).toContain(scope);
      expect([...onFields], `no field asks for ${scope}`).toContain(scope);
    }
  });
});

describe('the token scopes', () => {
  it('each belong to an upstream, but operator, which settles what the gateway could not know', () => {
    const declared = new Set(descriptors.flatMap((d) => d.scopes));
    expect(scopes.filter((s) => !declared.has(s))).toEqual(['operator']);
  });
});
