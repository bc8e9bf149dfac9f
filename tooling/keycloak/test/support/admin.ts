// The suite's admin client: @x/keycloak's KeycloakAdmin on the Keycloak under test (KEYCLOAK_URL) unless told.
import { KeycloakAdmin as AdminClient } from '../../src/admin.ts'
import { KEYCLOAK_URL } from './env.ts'

export {
  AdminError,
  type AdminResponse,
  type KeyInfo,
  type SessionInfo,
  type TemporaryUser,
} from '../../src/admin.ts'

export class KeycloakAdmin extends AdminClient {
  constructor(baseUrl = KEYCLOAK_URL) {
    super(baseUrl)
  }
}
