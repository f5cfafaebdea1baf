// The one Pothos SchemaBuilder: its plugins and scalars, and no types.
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ScopeAuthPlugin, { type AuthFailure } from '@pothos/plugin-scope-auth';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Principal, Scope } from './auth.js';
import type { Context } from './context.js';
import { badInput } from './validation.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { DateTime: { Input: Date; Output: Date | string }; ID: { Input: string; Output: string } };
  DefaultFieldNullability: false;
  AuthScopes: Record<Scope, boolean>;
}>({
  // Scope checks wrap resolvers first, so a missing scope stops a field before any upstream call; the
  // argument rules (src/validation.ts, on each field) run next, before the resolver.
  plugins: [ScopeAuthPlugin, ValidationPlugin, DirectivesPlugin, FederationPlugin],
  validation: {
    // The first problem, naming the argument (or input field: input.name) it concerns.
    validationError: ({ issues }) => badInput(issues),
  },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (context) => grantsOf(context.principal),
    unauthorizedError: (_parent, _context, info, result) =>
      new GraphQLError(`${info.parentType.name}.${info.fieldName} needs the scope ${scopesOf(result.failure)}`, {
        extensions: { code: 'FORBIDDEN' },
      }),
  },
  // Non-null unless said otherwise: every field fed by an upstream says `nullable: true`, so a failing upstream nulls only it.
  defaultFieldNullability: false,
});

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An instant as an RFC 3339 date-time string in UTC, e.g. 2018-04-23T18:22:38Z.',
});

builder.queryType({ description: 'Reads across the upstream APIs; each field resolves lazily from the upstream that owns it.' });
builder.mutationType({ description: 'Changes in the upstream APIs; arguments are validated before any upstream call.' });
builder.subscriptionType({ description: 'Live updates over Server-Sent Events.' });

// A principal stands for one token, seen on request after request (auth.ts keeps it): its scopes are
// made into Pothos's form once, not on every request.
const grants = new WeakMap<Principal, Record<Scope, boolean>>();

function grantsOf(principal: Principal): Record<Scope, boolean> {
  let granted = grants.get(principal);
  if (!granted) {
    granted = Object.fromEntries([...principal.scopes].map((scope) => [scope, true])) as Record<Scope, boolean>;
    grants.set(principal, granted);
  }
  return granted;
}

function scopesOf(failure: AuthFailure): string {
  const walk = (f: AuthFailure): string[] => ('failures' in f ? f.failures.flatMap(walk) : 'scope' in f ? [String(f.scope)] : []);
  return [...new Set(walk(failure))].join(' or ');
}

/** The builder's type configuration, for helpers that add fields to any of its object types. */
export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
