import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports": Node loads its CommonJS build for Yoga and Pothos, while Vite would pick
    // its "module" build for our files, making two GraphQLError classes. One copy, the one Node loads.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
    // Two cores: a few forks keep the socket-heavy suites parallel without starving each other.
    pool: 'forks',
    maxWorkers: 2,
    // Every file loads the same gateway modules; loading them once per worker, not once per file, halves
    // the run. Each file still starts its own gateway and simulators, so no state is shared between files.
    isolate: false,
  },
});
