import { defineConfig } from 'vitest/config';

// Four projects: `unit` exercises src/ directly; `e2e` spawns the built CLI (dist/) against the emulator; `live`
// tests the live conformance suite itself (its pure parts, and its clean-up when interrupted); `fuzz` feeds the three
// inputs a stranger controls (spec files, plan files, API responses) with generated hostile ones (test/fuzz: a
// bounded number of cases here, PGENSURE_FUZZ_SECONDS for a long run).
export default defineConfig({
  test: {
    pool: 'forks',
    // Vitest's default here is one worker (2 cores): most e2e time is waiting on the emulator's latency, provisioning
    // delays and timeouts, so two files at once halve the wall time; every timing-sensitive test has its margin.
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'test/property/**/*.test.ts'], pool: 'forks' } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'fuzz',
          include: ['test/fuzz/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'live',
          include: ['test/live/**/*.test.ts'],
          pool: 'forks',
          testTimeout: 120_000,
          hookTimeout: 30_000,
        },
      },
    ],
  },
});
