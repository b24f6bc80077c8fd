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
    // expect.poll waits for real hubs, helpers and Chromium; its 1 s default judged their speed,
    // which a loaded machine does not keep. Ten seconds is a wait, not a speed bound.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default'],
  },
});
