import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Backstops for a hang, not measures of speed: tests wait on states. Tests that start the CLI or
    // browser mode as child processes need a few seconds each on a busy 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file gets a fresh module graph, so process-wide state (known secrets, the HTTP agent)
    // never leaks between files.
    isolate: true,
    pool: 'forks',
    // Most files wait on loopback servers and child processes rather than compute, so one more
    // worker than cores keeps both cores busy on the 2-core machines CI runs on.
    maxWorkers: 3,
  },
});
