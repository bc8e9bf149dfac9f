import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// The suite needs a running Keycloak at KEYCLOAK_URL: `node src/cli.ts suite` (or with-keycloak.sh) provides it,
// so there is no globalSetup. Tests share one server whose state some of them change (sessions, signing keys),
// so files run one after another.
export default mergeConfig(
  sharedConfig,
  defineConfig({
    resolve: { conditions: ['@x/source'] },
    ssr: { resolve: { conditions: ['@x/source'] } },
    test: { testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
  }),
)
