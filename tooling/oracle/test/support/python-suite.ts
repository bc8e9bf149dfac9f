// The one setup every oracle suite shares: local servers and a Python worker for the file, and one test per
// scenario that fails with the side-by-side explanation when Python and ours differ.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { describe as explain } from '../../src/compare.js'
import { Harness, type Places } from '../../src/harness.js'
import { type PythonWorker, startPython } from '../../src/python.js'
import type { Scenario } from '../../src/scenario.js'
import { type Servers, startServers } from '../../src/servers.js'

/** Something a suite needs beyond the local servers (a Keycloak user): the places it adds, and its cleanup. */
export interface Extra {
  places: Places
  close(): Promise<void>
}

export function comparesWithPython(title: string, scenarios: Scenario[], extra?: () => Promise<Extra>): void {
  let servers: Servers | undefined
  let python: PythonWorker | undefined
  let added: Extra | undefined
  let harness: Harness
  beforeAll(async () => {
    process.env.ORACLE_RESULTS = inject('results')
    ;[servers, python, added] = await Promise.all([startServers(), startPython(inject('python')), extra?.()])
    harness = new Harness(servers, python, added?.places)
  })
  afterAll(async () => {
    await added?.close()
    await python?.close()
    await servers?.close()
  })

  describe(title, () => {
    test.each(scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
      const verdict = await harness.run(scenario)
      if (verdict.outcome === 'differ')
        expect.fail(`${scenario.id} differs from Python:\n${explain(verdict)}`)
    })
  })
}
