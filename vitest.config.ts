import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['dist/**', 'node_modules/**', '.peers/**'],
    // Real servers and real time: keep the machine's two cores from being oversubscribed.
    maxWorkers: 2,
    testTimeout: 60_000,
  },
});
