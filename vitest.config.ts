import { defineConfig } from 'vitest/config';

// Three projects: pure unit tests, and the one HTTP suite run against each runtime.
export default defineConfig({
  test: {
    env: { DOTENV_CONFIG_QUIET: 'true', WRANGLER_SEND_METRICS: 'false' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/http/**', 'test/browser/**'],
        },
      },
    ],
  },
});
