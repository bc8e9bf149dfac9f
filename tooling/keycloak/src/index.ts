// Programmatic use of the Keycloak tooling (the CLI in cli.ts is a thin layer over these).
export {
  ADMIN,
  AdminError,
  type AdminResponse,
  KeycloakAdmin,
  type KeyInfo,
  type SessionInfo,
  type TemporaryUser,
} from './admin.ts'
export { DEFAULT_KEYCLOAK_VERSION, KEYCLOAK_FEATURES, type KeycloakPaths, keycloakPaths } from './config.ts'
export { ensureDownloaded, isDownloaded } from './download.ts'
export { KeycloakToolError } from './errors.ts'
export { findJava, REQUIRED_JAVA_MAJOR } from './java.ts'
export { tailLog } from './logs.ts'
export {
  isReady,
  type KeycloakState,
  type KeycloakStatus,
  keycloakStatus,
  REALM,
  readState,
  type StartResult,
  startKeycloak,
  stopKeycloak,
} from './server.ts'
