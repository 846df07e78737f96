import { defineConfig } from 'vitest/config';

// Unit and pipeline tests: pure Node, no browser. Browser tests have their own config.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/pipeline/**/*.test.ts', 'tests/docs/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/setup/demo-inputs.ts'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
