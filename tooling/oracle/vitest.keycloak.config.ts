import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// Authlib against the shared Keycloak (KEYCLOAK_URL, provided by tooling/keycloak/with-keycloak.sh).
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      include: ['test/**/*.keycloak.test.ts'],
      globalSetup: ['./test/global-setup.ts'],
      fileParallelism: false,
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  }),
)
