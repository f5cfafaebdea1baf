// The field scopes plugin on a schema of its own: what it lets through, what it refuses, and that a refused
// field's resolver (or subscription) never runs.
import SchemaBuilder from '@pothos/core';
import { type ExecutionResult, GraphQLError, graphql, parse, subscribe } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Scope } from '../src/auth.js';
import { fieldScopes } from '../src/field-scopes.js';

interface Context {
  scopes: ReadonlySet<Scope>;
}

const ran: string[] = [];
const builder = new SchemaBuilder<{ Context: Context }>({
  plugins: [fieldScopes],
  fieldScopes: {
    granted: (context) => context.scopes,
    forbidden: (info, missing) =>
      new GraphQLError(`${info.parentType.name}.${info.fieldName} needs the scope ${missing}`, { extensions: { code: 'FORBIDDEN' } }),
  },
});
const Thing = builder.objectRef<{ id: string }>('Thing').implement({
  fields: (t) => ({
    id: t.exposeString('id'),
    secret: t.string({
      authScopes: { 'numbers:read': true },
      resolve: () => {
        ran.push('secret');
        return 'hidden';
      },
    }),
  }),
});
builder.queryType({
  fields: (t) => ({
    thing: t.field({ type: Thing, resolve: () => ({ id: '1' }) }),
    either: t.string({
      authScopes: { 'phones:read': true, 'phones:write': true },
      resolve: () => {
        ran.push('either');
        return 'either';
      },
    }),
    both: t.string({
      authScopes: { $all: { 'phones:write': true, 'calls:write': true, 'numbers:disconnect': true } },
      resolve: () => 'both',
    }),
    byArgs: t.string({
      args: { extension: t.arg.string() },
      authScopes: (_, args) => ({ $all: { 'phones:write': true, ...(args.extension ? { 'calls:write': true } : {}) } }),
      resolve: () => 'byArgs',
    }),
  }),
});
builder.subscriptionType({
  fields: (t) => ({
    ticks: t.string({
      authScopes: { 'numbers:read': true },
      subscribe: async function* () {
        ran.push('subscribe');
        yield 'tick';
      },
      resolve: (tick: string) => tick,
    }),
  }),
});
const schema = builder.toSchema();

const run = (source: string, ...granted: Scope[]) => {
  ran.length = 0;
  return graphql({ schema, source, contextValue: { scopes: new Set(granted) } });
};

describe('field scopes', () => {
  it('serves a field when the token has any one of its scopes', async () => {
    expect((await run('{ either }', 'phones:write')).data).toEqual({ either: 'either' });
  });

  it('refuses a field without any of its scopes, naming them, and never runs its resolver', async () => {
    const result = await run('{ either }', 'calls:read');
    expect(result.errors?.map((e) => [e.message, e.extensions.code])).toEqual([
      ['Query.either needs the scope phones:read or phones:write', 'FORBIDDEN'],
    ]);
    expect(ran).toEqual([]);
  });

  it('refuses a nested field alone, the rest of the answer served', async () => {
    const result = await run('{ thing { id secret } }');
    expect(result.data).toEqual({ thing: { id: '1', secret: null } });
    expect(result.errors?.[0]?.path).toEqual(['thing', 'secret']);
    expect(ran).toEqual([]);
  });

  it('with $all, needs every scope and names each one missing', async () => {
    expect((await run('{ both }', 'phones:write', 'calls:write', 'numbers:disconnect')).data).toEqual({ both: 'both' });
    const result = await run('{ both }', 'calls:write');
    expect(result.errors?.[0]?.message).toBe('Query.both needs the scope phones:write and numbers:disconnect');
  });

  it('reads a rule made of the arguments for each call', async () => {
    expect((await run('{ byArgs }', 'phones:write')).data).toEqual({ byArgs: 'byArgs' });
    const result = await run('{ byArgs(extension: "0003*210") }', 'phones:write');
    expect(result.errors?.[0]?.message).toBe('Query.byArgs needs the scope calls:write');
  });

  it('checks a subscription when it subscribes, before its source starts', async () => {
    ran.length = 0;
    const refused = (await subscribe({
      schema,
      document: parse('subscription { ticks }'),
      contextValue: { scopes: new Set() },
    })) as ExecutionResult;
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(ran).toEqual([]);

    const events = await subscribe({
      schema,
      document: parse('subscription { ticks }'),
      contextValue: { scopes: new Set(['numbers:read']) },
    });
    if (!(Symbol.asyncIterator in events)) throw new Error('expected a stream of events');
    expect((await events.next()).value).toEqual({ data: { ticks: 'tick' } });
  });
});
