import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// globalSetup creates the Python venv once (pip, cached under XSTACK_CACHE) and prints the agreement per
// package after the run. Test files run one after another: each starts its own servers and Python worker,
// and they set process.env for proxy and netrc scenarios.
export default mergeConfig(
  sharedConfig,
  defineConfig({
    test: {
      include: ['test/**/*.test.ts'],
      exclude: ['test/**/*.keycloak.test.ts'],
      globalSetup: ['./test/global-setup.ts'],
      fileParallelism: false,
      testTimeout: 30_000,
      hookTimeout: 120_000,
    },
  }),
)
