// The one Pothos SchemaBuilder: its plugins and scalars, and no types.
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { DateTimeResolver } from 'graphql-scalars';
import type { Context } from './context.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  Scalars: { DateTime: { Input: Date; Output: Date | string }; ID: { Input: string; Output: string } };
  DefaultFieldNullability: false;
}>({
  plugins: [DirectivesPlugin, FederationPlugin],
  // Non-null unless said otherwise: every field fed by an upstream says `nullable: true`, so a failing upstream nulls only it.
  defaultFieldNullability: false,
});

builder.addScalarType('DateTime', DateTimeResolver, {
  description: 'An instant as an RFC 3339 date-time string in UTC, e.g. 2018-04-23T18:22:38Z.',
});

builder.queryType({ description: 'Reads across the upstream APIs; each field resolves lazily from the upstream that owns it.' });
builder.mutationType({ description: 'Changes in the upstream APIs; arguments are validated before any upstream call.' });
builder.subscriptionType({ description: 'Live updates over Server-Sent Events.' });
