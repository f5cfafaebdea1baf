// The operations GraphiQL opens with: the examples (src/examples.ts), the README's too.
import { examples } from './examples.js';
import { descriptors } from './upstreams/registry.js';

export const exampleOperations = [
  `# Switchboard: one GraphQL API over ${descriptors.length} upstream APIs.
# Pick an operation with the run button's menu. The ids are the simulators' demo data;
# POST /simulators/reset puts it back. \`npm run example -- <name>\` runs one from a shell.`,
  ...examples.map((e) => `# ${e.name}: ${e.title}\n${e.document}`),
].join('\n\n');
