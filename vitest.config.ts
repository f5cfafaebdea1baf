import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 15_000,
    hookTimeout: 15_000,
    // Two cores: a few forks keep the socket-heavy suites parallel without starving each other.
    pool: 'forks',
    maxWorkers: 2,
  },
});
