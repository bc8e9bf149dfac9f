import { defineConfig } from 'vitest/config'

// The suite needs a running Keycloak at KEYCLOAK_URL: `node src/cli.ts suite` (or with-keycloak.sh) provides it.
// Tests share one server whose state they change (sessions, keys), so files run one after another.
export default defineConfig({
  resolve: { conditions: ['@x/source'] },
  ssr: { resolve: { conditions: ['@x/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
})
