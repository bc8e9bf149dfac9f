import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The Keycloak release this package pins; `KEYCLOAK_VERSION` overrides it. */
export const DEFAULT_KEYCLOAK_VERSION = '26.7.3'

/** Features the suite relies on (all 26.x names, see `kc.sh start-dev --help-all`). */
export const KEYCLOAK_FEATURES = ['token-exchange-standard', 'dpop', 'device-flow', 'par']

export interface KeycloakPaths {
  version: string
  /** `${XSTACK_CACHE:-~/.cache/xstack}`: outside the clone, shared by every checkout. */
  cache: string
  /** The unpacked distribution, `$cache/keycloak-<version>`. */
  serverDir: string
  logFile: string
  stateFile: string
  /** Committed realm files copied into the server's data/import before each start. */
  importDir: string
  packageDir: string
}

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')

export function keycloakPaths(env: NodeJS.ProcessEnv = process.env): KeycloakPaths {
  const version = env.KEYCLOAK_VERSION || DEFAULT_KEYCLOAK_VERSION
  const cache = env.XSTACK_CACHE || join(homedir(), '.cache', 'xstack')
  return {
    version,
    cache,
    serverDir: join(cache, `keycloak-${version}`),
    logFile: join(cache, 'keycloak.log'),
    stateFile: join(cache, 'keycloak-state.json'),
    importDir: join(packageDir, 'data', 'import'),
    packageDir,
  }
}
