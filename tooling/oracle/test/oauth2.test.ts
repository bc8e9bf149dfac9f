import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { describe as explain } from '../src/compare.js'
import { Harness } from '../src/harness.js'
import { type PythonWorker, startPython } from '../src/python.js'
import { oauth2Scenarios } from '../src/scenarios/oauth2.js'
import { type Servers, startServers } from '../src/servers.js'

let servers: Servers
let python: PythonWorker
let harness: Harness
beforeAll(async () => {
  process.env.ORACLE_RESULTS = inject('results')
  ;[servers, python] = await Promise.all([startServers(), startPython(inject('python'))])
  harness = new Harness(servers, python)
})
afterAll(async () => {
  await python?.close()
  await servers?.close()
})

describe('Authlib 1.x vs @x/oauth2 (scripted server)', () => {
  test.each(oauth2Scenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    const verdict = await harness.run(scenario)
    if (verdict.outcome === 'differ') expect.fail(`${scenario.id} differs from Python:\n${explain(verdict)}`)
  })
})
