import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// Unit tests against a real Redis (REDIS_URL from tooling/redis/with-redis.sh, or servers the tests start).
// The Keycloak proofs live in test/keycloak and run with vitest.keycloak.config.ts (the test:keycloak task).
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      exclude: ['test/keycloak/**', '**/node_modules/**'],
      typecheck: { enabled: true, include: ['test/**/*.test-d.ts'] },
    },
  }),
)
