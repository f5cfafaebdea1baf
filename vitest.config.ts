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
  },
});
