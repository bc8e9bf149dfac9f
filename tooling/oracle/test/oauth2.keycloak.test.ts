import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { describe as explain } from '../src/compare.js'
import { Harness } from '../src/harness.js'
import { createKeycloakUser, type KeycloakUser } from '../src/keycloak-user.js'
import { type PythonWorker, startPython } from '../src/python.js'
import { keycloakScenarios } from '../src/scenarios/keycloak.js'
import { type Servers, startServers } from '../src/servers.js'

const KEYCLOAK_URL = process.env.KEYCLOAK_URL?.replace(/\/+$/, '')

let servers: Servers
let python: PythonWorker
let harness: Harness
let user: KeycloakUser
beforeAll(async () => {
  if (!KEYCLOAK_URL) throw new Error('KEYCLOAK_URL is not set: run through tooling/keycloak/with-keycloak.sh')
  process.env.ORACLE_RESULTS = inject('results')
  ;[servers, python, user] = await Promise.all([
    startServers(),
    startPython(inject('python')),
    createKeycloakUser(KEYCLOAK_URL),
  ])
  harness = new Harness(servers, python, { K: KEYCLOAK_URL, USER: user.username, PASS: user.password })
})
afterAll(async () => {
  await user?.remove()
  await python?.close()
  await servers?.close()
})

describe('Authlib 1.x vs @x/oauth2 against Keycloak', () => {
  test.each(keycloakScenarios.map((s) => [s.id, s] as const))('%s', async (_id, scenario) => {
    const verdict = await harness.run(scenario)
    if (verdict.outcome === 'differ') expect.fail(`${scenario.id} differs from Python:\n${explain(verdict)}`)
  })
})
