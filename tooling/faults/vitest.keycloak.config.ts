import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// Token-endpoint faults against the shared Keycloak at KEYCLOAK_URL (./dev runs this inside with-keycloak.sh),
// reached through toxiproxy: slow, resetting, cut and restored with toxiproxy's disable/enable. Keycloak itself is
// never stopped.
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      include: ['test-keycloak/**/*.test.ts'],
      globalSetup: ['src/global-setup.ts'],
      testTimeout: 60_000,
      hookTimeout: 120_000,
      fileParallelism: false,
    },
  }),
)
