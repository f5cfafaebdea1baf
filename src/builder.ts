// The one Pothos SchemaBuilder: its plugins and scalars, and no types.
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import ValidationPlugin from '@pothos/plugin-validation';
import { GraphQLError } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from './context.js';
import { fieldScopes } from './field-scopes.js';
import { badInput } from './validation.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { DateTime: { Input: Date; Output: Date | string }; ID: { Input: string; Output: string } };
  DefaultFieldNullability: false;
}>({
  // Both run before the resolver, so neither a missing scope nor a bad argument reaches an upstream: the
  // argument rules (src/validation.ts, Pothos's argument mappers) first, then the scope check.
  plugins: [fieldScopes, ValidationPlugin, DirectivesPlugin, FederationPlugin],
  validation: {
    // The first problem, naming the argument (or input field: input.name) it concerns.
    validationError: ({ issues }) => badInput(issues),
  },
  fieldScopes: {
    granted: (context) => context.principal.scopes,
    forbidden: (info, missing) =>
      new GraphQLError(`${info.parentType.name}.${info.fieldName} needs the scope ${missing}`, { extensions: { code: 'FORBIDDEN' } }),
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

/** The builder's type configuration, for helpers that add fields to any of its object types. */
export type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
