// Writes schema/schema.graphql, the SDL the code builds: federation directives, _service and _entities included.
import { writeFileSync } from 'node:fs';
import { printSchemaSDL } from '../src/schema/print.js';

writeFileSync(new URL('../schema/schema.graphql', import.meta.url), printSchemaSDL());
process.stdout.write('wrote schema/schema.graphql\n');
