import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Examples import the package by name, as users do; tests that run them resolve it to the source.
  resolve: {
    alias: [
      {
        find: /^huuray-client\/campaign$/,
        replacement: fileURLToPath(new URL('./src/campaign/index.ts', import.meta.url)),
      },
      {
        find: /^huuray-client\/postgres$/,
        replacement: fileURLToPath(new URL('./src/postgres/index.ts', import.meta.url)),
      },
      {
        find: /^huuray-client\/sandbox$/,
        replacement: fileURLToPath(new URL('./src/sandbox/index.ts', import.meta.url)),
      },
      { find: /^huuray-client$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/prism-global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
