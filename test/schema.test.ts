import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSchemaSDL } from '../src/schema/print.js';

describe('printed schema', () => {
  it('schema/schema.graphql is the schema the code builds (run `npm run codegen` after a schema change)', () => {
    const committed = readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8');
    expect(committed).toBe(printSchemaSDL());
  });
});
