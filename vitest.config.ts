import { defineConfig } from 'vitest/config';

// Three layers, all run by `npm test`: pure unit tests; workflow tests on the time-skipping
// server; integration tests on the real dev server with the worker and the API.
export default defineConfig({
  test: {
    reporters: ['default'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'workflow',
          include: ['tests/workflow/**/*.test.ts'],
          globalSetup: ['tests/setup/toolchain.ts'],
          setupFiles: ['tests/setup/quietRuntime.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      // The production topology without Docker: opt-in (`npm run test:production`), run by CI.
      ...(process.env.PRODUCTION_STACK
        ? [
            {
              test: {
                name: 'production',
                include: ['tests/production/**/*.test.ts'],
                testTimeout: 300_000,
                hookTimeout: 900_000,
              },
            },
          ]
        : []),
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/setup/toolchain.ts'],
          setupFiles: ['tests/setup/quietRuntime.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // Each file runs its own servers: one at a time suits a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
