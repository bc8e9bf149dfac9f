import { defineConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// Authlib against the shared Keycloak (KEYCLOAK_URL, provided by tooling/keycloak/with-keycloak.sh). Spread, not
// mergeConfig: mergeConfig would add the default suite's `include` to this one.
export default defineConfig({
  ...sharedConfig,
  test: {
    ...sharedConfig.test,
    include: ['test/**/*.keycloak.test.ts'],
    globalSetup: ['./test/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
})
