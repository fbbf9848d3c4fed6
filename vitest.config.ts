import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;
const alias = { '@': path.resolve(root, 'src'), '@app': path.resolve(root, 'app') };
const shared = { resolve: { alias } };

// Projects: unit (pure, fast), integration + rls (real Postgres; TEST_DB=pglite switches to the embedded
// database), data-pglite (the data-layer suite once more on PGlite), e2e (Chromium). `npm test` runs
// scripts/test.ts, which picks the projects this machine can run and says which it skipped.
// vitest's default is one worker per CPU minus one: on a 2-core machine that runs every file one after
// the other. Most files spend part of their time waiting on Postgres or the browser, so use every core.
const workers = Math.max(2, availableParallelism());

export default defineConfig({
  ...shared,
  test: {
    maxWorkers: workers,
    projects: [
      {
        ...shared,
        test: { name: 'unit', include: ['tests/unit/**/*.test.{ts,tsx}'], environment: 'node', setupFiles: ['tests/support/setup-env.ts'] },
      },
      {
        ...shared,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.{ts,tsx}', 'tests/rls/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/setup-env.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        ...shared,
        test: {
          name: 'data-pglite',
          include: ['tests/integration/data/**/*.test.ts', 'tests/rls/**/*.test.ts'],
          setupFiles: ['tests/support/setup-env.ts'],
          env: { TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        ...shared,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts', 'tests/e2e/support/server.ts'],
          setupFiles: ['tests/support/setup-env.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
