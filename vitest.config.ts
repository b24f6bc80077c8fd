import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Integration tests spawn hubs and helpers; two cores do not gain from more.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
