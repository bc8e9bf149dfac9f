import { defineConfig, mergeConfig } from 'vitest/config'
import { sharedConfig } from '../../vitest.shared.ts'

// Each file starts its own toxiproxy, nginx and origin on free loopback ports; files run one after another so
// that timing-sensitive faults (stalls, read timeouts) are not starved by a parallel file on a small machine.
export default mergeConfig(
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
