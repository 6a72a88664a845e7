import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Starts the sqs-conformance reference server once for the whole run (test/sqs.setup.ts).
    globalSetup: ['./test/sqs.setup.ts'],
    testTimeout: 30_000,
  },
});
