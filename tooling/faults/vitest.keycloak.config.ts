import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// Token-endpoint faults against the shared Keycloak at KEYCLOAK_URL (./dev runs this inside with-keycloak.sh),
// reached through toxiproxy: slow, resetting, cut and restored with toxiproxy's disable/enable. Keycloak itself is
// never stopped.
const config = mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      globalSetup: ['src/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  }),
)
// mergeConfig appends arrays: replace the shared include instead (only the Keycloak-facing files here).
config.test = { ...config.test, include: ['test-keycloak/**/*.test.ts'] }
export default config
