// The printed SDL of the schema: what is committed in schema/ and checked against the code by a test.
// It is the federation subgraph SDL (with @link and @key) that a router composes.
import { printSubgraphSchema } from '@apollo/subgraph';
import { lexicographicSortSchema } from 'graphql';
import { schema } from './index.js';

export function printSchemaSDL(): string {
  return `${printSubgraphSchema(lexicographicSortSchema(schema))}\n`;
}
