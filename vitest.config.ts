import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    // Argon2id and real PDF parsing are slow on 2 cores; give tests room rather than flake.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
