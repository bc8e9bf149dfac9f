import { createKeycloakUser } from '../src/keycloak-user.js'
import { keycloakScenarios } from '../src/scenarios/keycloak.js'
import { comparesWithPython } from './support/python-suite.js'

const KEYCLOAK_URL = process.env.KEYCLOAK_URL?.replace(/\/+$/, '')

comparesWithPython('Authlib 1.x vs @x/oauth2 against Keycloak', keycloakScenarios, async () => {
  if (!KEYCLOAK_URL) throw new Error('KEYCLOAK_URL is not set: run through tooling/keycloak/with-keycloak.sh')
  const user = await createKeycloakUser(KEYCLOAK_URL)
  return { places: { K: KEYCLOAK_URL, USER: user.username, PASS: user.password }, close: () => user.remove() }
})
