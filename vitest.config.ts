import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      // Pure functions: no services, runs in seconds (`npx vitest run --project unit`).
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // CDK synth, cdk-nag, cfn-lint and bundling: offline, no services.
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'] } },
      // The demo site of `npm start` in Debian's Chromium (playwright-core); installs it if missing.
      { extends: true, test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'] } },
      // Every I/O path against one real OpenSearch node and one moto server for the whole run
      // (test/global-setup.ts); each file isolates itself with its own tables, queue and alias.
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
