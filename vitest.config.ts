import { defineConfig } from 'vitest/config';
import { SlowFirstSequencer } from './tests/support/sequencer';

/** One runner, three projects: `npm run test:unit|test:integration|test:e2e`. */
export default defineConfig({
  resolve: { conditions: ['source'] },
  test: {
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        resolve: { conditions: ['source'] },
        test: {
          name: 'unit',
          include: [
            'shared/src/**/*.test.ts',
            'server/src/**/*.test.ts',
            'client/src/**/*.test.{ts,tsx}',
            'tests/unit/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        resolve: { conditions: ['source'] },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts', 'tests/abuse/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Two files at a time: most of an integration file's time is spent waiting (TTLs, sweeps, ticks,
          // restarts), and every file starts its own Redis and nodes on free ports, so two never share state.
          maxWorkers: 2,
          // Each worker keeps its modules between files, as e2e does; every file still starts its own Redis and
          // nodes. What the support modules keep is harmless: the pseudonym counter goes on counting (its names
          // stay valid, see uniquePseudonym), the passphrase derivations are keyed by deployment salt (bounded),
          // and the contract cluster's user count is back to zero after each file. On 18 files, two runs each
          // (2026-12-07, load 7-14): imports 20.6 and 16.9 s -> 7.3 and 6.3 s, wall 116 and 104 s -> 100 and
          // 98 s, CPU 70 and 65 s -> 63 and 58 s.
          isolate: false,
        },
      },
      {
        resolve: { conditions: ['source'] },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Two files at a time, as integration: an e2e file spends most of its time waiting on the browser and
          // the server (119 s of CPU in 1,005 s of wall time on a busy machine), and each file starts its own
          // Redis, server and Chromium on free ports, so two never share state. Each worker keeps its modules
          // between files (nothing in them is module state): a fresh worker per file bought only its start and
          // the re-import of playwright-core, axe-core and the shared sources (about 2 s a file).
          maxWorkers: 2,
          isolate: false,
        },
      },
    ],
  },
});
