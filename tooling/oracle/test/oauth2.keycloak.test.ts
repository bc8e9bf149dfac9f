import { KeycloakAdmin } from '@x/keycloak'
import { keycloakScenarios } from '../src/scenarios/keycloak.js'
import { comparesWithPython } from './support/python-suite.js'

const KEYCLOAK_URL = process.env.KEYCLOAK_URL?.replace(/\/+$/, '')

// A user of the oracle's own in the xstack realm, created for one run and removed after it, so other suites sharing
// the Keycloak (ending sessions of alice or bob) cannot change what we observe.
comparesWithPython('Authlib 1.x vs @x/oauth2 against Keycloak', keycloakScenarios, async () => {
  if (!KEYCLOAK_URL) throw new Error('KEYCLOAK_URL is not set: run through tooling/keycloak/with-keycloak.sh')
  const user = await new KeycloakAdmin(KEYCLOAK_URL).createUser('xstack', 'oracle')
  return { places: { K: KEYCLOAK_URL, USER: user.username, PASS: user.password }, close: () => user.remove() }
})
