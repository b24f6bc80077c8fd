import { defineConfig } from 'vitest/config';

/**
 * Tests whose bound is a latency the product promises, measured between real processes: they run
 * after everything else, alone, because the other test files' hubs, helpers and Chromium on the
 * same two cores measure the machine, not Switchboard. Their bounds are the issues' own.
 */
const QUIET = ['test/integration/delivery-ack-latency.test.ts'];

export default defineConfig({
  test: {
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
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['test/**/*.test.ts'],
          exclude: QUIET,
          sequence: { groupOrder: 0 },
        },
      },
      { extends: true, test: { name: 'quiet', include: QUIET, sequence: { groupOrder: 1 } } },
    ],
  },
});
