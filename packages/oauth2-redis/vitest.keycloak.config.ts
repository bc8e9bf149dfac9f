import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// The fleet proofs (test/keycloak): worker processes against the real Keycloak at KEYCLOAK_URL and real Redis.
// They share one Keycloak and count its token requests, so files run one after another.
const config = mergeConfig(
  sharedConfig,
  defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false } }),
)
// mergeConfig would add to the shared include list; these proofs replace it.
config.test = { ...config.test, include: ['test/keycloak/**/*.test.ts'] }
export default config
