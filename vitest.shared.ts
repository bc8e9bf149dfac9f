// Vitest settings every workspace package shares: tests run on source through the `@x/source` export condition,
// so a stale dist/ can never be what a test exercises.
import { defineConfig } from 'vitest/config'

export const sourceConditions = ['@x/source']

export const sharedConfig = defineConfig({
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
})
