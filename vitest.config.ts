import { defineConfig } from 'vitest/config';

const env = { DOTENV_CONFIG_QUIET: 'true', WRANGLER_SEND_METRICS: 'false' };

// Pure unit tests, and one HTTP suite run against each runtime: Node with libSQL, and
// workerd (wrangler dev) with a local D1 database.
export default defineConfig({
  test: {
    env,
    projects: [
      { test: { name: 'unit', env, include: ['test/**/*.test.ts'], exclude: ['test/http/**', 'test/browser/**'] } },
      ...(['node', 'workerd'] as const).map((runtime) => ({
        test: {
          name: `http-${runtime}`,
          include: ['test/http/**/*.test.ts'],
          env: { ...env, CHORUS_RUNTIME: runtime },
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      })),
      {
        // Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core.
        test: { name: 'browser', env, include: ['test/browser/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, fileParallelism: false },
      },
    ],
  },
});
