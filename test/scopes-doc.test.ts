// docs/operations.md's scope table is what the schema enforces: each field's authScopes, read from
// the built schema, render the table between the markers; the test fails with the table to paste.
import { readFileSync } from 'node:fs';
import { type GraphQLArgument, isNonNullType, isObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { scopes } from '../src/auth.js';
import { schema } from '../src/schema/index.js';

type ScopeMap = Partial<Record<string, boolean>> & { $all?: Record<string, boolean> };
type Scoped = ScopeMap | ((parent: unknown, args: Record<string, unknown>) => ScopeMap);

const fields: { name: string; scopes: Scoped; args: readonly GraphQLArgument[] }[] = [];
for (const type of Object.values(schema.getTypeMap())) {
  if (!isObjectType(type) || type.name.startsWith('__')) continue;
  for (const field of Object.values(type.getFields())) {
    const found = (field.extensions as { pothosOptions?: { authScopes?: Scoped } }).pothosOptions?.authScopes;
    if (found) fields.push({ name: `${type.name}.${field.name}`, scopes: found, args: field.args });
  }
}

const code = (s: string) => `\`${s}\``;
const granted = (map: ScopeMap) => Object.keys(map.$all ?? map).filter((k) => k !== '$all');

/** The table, and a sentence for each field whose scopes depend on its arguments (evaluated without and with each optional one). */
function render(): string {
  const fixed = fields.filter((f) => typeof f.scopes !== 'function');
  const rows = scopes.map((scope) => {
    const names = fixed.filter((f) => granted(f.scopes as ScopeMap).includes(scope)).map((f) => code(f.name));
    return `| ${code(scope)} | ${names.join(', ') || '(see below)'} |`;
  });
  const dynamic = fields
    .filter((f) => typeof f.scopes === 'function')
    .map((f) => {
      const rule = f.scopes as (parent: unknown, args: Record<string, unknown>) => ScopeMap;
      const always = granted(rule(undefined, {}));
      const extra = f.args
        .filter((a) => !isNonNullType(a.type))
        .flatMap((a) =>
          granted(rule(undefined, { [a.name]: 'x' }))
            .filter((s) => !always.includes(s))
            .map((s) => `${code(s)} with ${code(a.name)}`),
        );
      return `${code(f.name)} needs all of ${always.map(code).join(', ')}${extra.length ? `, and ${extra.join(', ')}` : ''}.`;
    });
  return ['| scope | grants |', '| --- | --- |', ...rows, '', ...dynamic].join('\n');
}

/** The table as Markdown means it: cells trimmed, separators alike (the formatter pads both). */
const normalized = (text: string) =>
  text
    .split('\n')
    .map((line) =>
      line.startsWith('|')
        ? line
            .split('|')
            .map((cell) => cell.trim().replace(/^-+$/, '---'))
            .join('|')
        : line,
    )
    .join('\n');

describe('the scope table in docs/operations.md', () => {
  it('lists, for every scope, exactly the fields the schema guards with it', () => {
    const doc = readFileSync(new URL('../docs/operations.md', import.meta.url), 'utf8');
    const table = /<!-- scopes:start -->\n([\s\S]*?)\n<!-- scopes:end -->/.exec(doc)?.[1];
    expect(normalized(table ?? ''), `paste between <!-- scopes:start --> and <!-- scopes:end -->:\n${render()}`).toBe(normalized(render()));
  });

  it('covers every field that has scopes, Query.phoneNumber and disconnectNumbers among them', () => {
    expect(render()).toContain('`Query.phoneNumber`');
    expect(render()).toContain('`Mutation.disconnectNumbers`');
  });
});
