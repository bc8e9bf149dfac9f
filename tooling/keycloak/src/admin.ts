// A small Keycloak admin REST client on plain fetch: test setup must not depend on the code under test. The
// Keycloak suite, the oracle and the oauth2-redis proofs all set up their users through it.

/** The bootstrap admin on the master realm (tooling/keycloak starts Keycloak with it). */
export const ADMIN = { clientId: 'admin-cli', username: 'admin', password: 'admin' } as const

export interface AdminResponse<T = unknown> {
  status: number
  headers: Headers
  data: T
}

export class AdminError extends Error {
  override name = 'AdminError'
  readonly status: number
  constructor(method: string, path: string, status: number, body: string) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 200)}`)
    this.status = status
  }
}

export interface KeyInfo {
  kid: string
  algorithm: string
  type: string
  status: string
  providerId: string
  providerPriority: number
  publicKey?: string
}

export interface SessionInfo {
  id: string
  username: string
  userId: string
  clients: Record<string, string>
}

export interface TemporaryUser {
  id: string
  username: string
  password: string
  remove(): Promise<void>
}

/**
 * Admin REST API as the seeds' bootstrap admin (admin-cli / admin / admin on master). Logs in again when its
 * token is about to expire (master access tokens live 60 s).
 */
export class KeycloakAdmin {
  #token: string | undefined
  #expiresAt = 0
  readonly baseUrl: string

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
  }

  async accessToken(): Promise<string> {
    if (this.#token && Date.now() < this.#expiresAt - 10_000) return this.#token
    const tokenUrl = `${this.baseUrl}/realms/master/protocol/openid-connect/token`
    const response = await fetch(tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: ADMIN.clientId,
        username: ADMIN.username,
        password: ADMIN.password,
      }),
    })
    const text = await response.text()
    if (!response.ok) throw new AdminError('POST', tokenUrl, response.status, text)
    const token = JSON.parse(text) as { access_token: string; expires_in: number }
    this.#token = token.access_token
    this.#expiresAt = Date.now() + token.expires_in * 1000
    return this.#token
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<AdminResponse<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.accessToken()}` }
    if (body !== undefined) headers['content-type'] = 'application/json'
    const response = await fetch(`${this.baseUrl}/admin/realms${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    const text = await response.text()
    if (!response.ok) throw new AdminError(method, path, response.status, text)
    return {
      status: response.status,
      headers: response.headers,
      data: (text ? JSON.parse(text) : undefined) as T,
    }
  }

  async realmId(realm: string): Promise<string> {
    return (await this.request<{ id: string }>('GET', `/${realm}`)).data.id
  }

  async keys(realm: string): Promise<KeyInfo[]> {
    return (await this.request<{ keys: KeyInfo[] }>('GET', `/${realm}/keys`)).data.keys
  }

  /** The kid Keycloak signs new tokens with for `algorithm`. */
  async activeKid(realm: string, algorithm = 'RS256'): Promise<string> {
    const active = await this.request<{ active: Record<string, string> }>('GET', `/${realm}/keys`)
    const kid = active.data.active[algorithm]
    if (!kid) throw new Error(`realm ${realm} has no active ${algorithm} key`)
    return kid
  }

  /**
   * Rotates the realm's RS256 signing key the way an operator does: a new generated key provider with a higher
   * priority than every existing one. Old keys stay published (tokens signed with them stay valid). Returns the
   * new active kid.
   */
  async rotateSigningKey(realm: string): Promise<string> {
    const previous = await this.activeKid(realm)
    const priority = Math.max(100, ...(await this.keys(realm)).map((k) => k.providerPriority)) + 10
    await this.request('POST', `/${realm}/components`, {
      name: `rsa-rotated-${Date.now()}`,
      providerId: 'rsa-generated',
      providerType: 'org.keycloak.keys.KeyProvider',
      parentId: await this.realmId(realm),
      config: {
        priority: [String(priority)],
        enabled: ['true'],
        active: ['true'],
        keySize: ['2048'],
        algorithm: ['RS256'],
      },
    })
    const current = await this.activeKid(realm)
    if (current === previous) throw new Error('key rotation did not change the active kid')
    return current
  }

  async userId(realm: string, username: string): Promise<string> {
    const found = await this.request<Array<{ id: string }>>(
      'GET',
      `/${realm}/users?exact=true&username=${encodeURIComponent(username)}`,
    )
    const user = found.data[0]
    if (!user) throw new Error(`no user ${username} in ${realm}`)
    return user.id
  }

  async userSessions(realm: string, userId: string): Promise<SessionInfo[]> {
    return (await this.request<SessionInfo[]>('GET', `/${realm}/users/${userId}/sessions`)).data
  }

  /** `DELETE /admin/realms/{realm}/sessions/{session}`: the seeds' way to end a session on the server. */
  async deleteSession(realm: string, sessionId: string): Promise<void> {
    await this.request('DELETE', `/${realm}/sessions/${encodeURIComponent(sessionId)}`)
  }

  async logoutUser(realm: string, userId: string): Promise<void> {
    await this.request('POST', `/${realm}/users/${userId}/logout`)
  }

  /**
   * A user that exists for one test or run (`<prefix>-<time>-<random>`, so suites sharing a Keycloak never meet):
   * short-lived state goes through the admin API, not the realm file.
   */
  async createUser(realm: string, prefix = 'tmp'): Promise<TemporaryUser> {
    const username = `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
    const password = `${username}-password`
    const created = await this.request('POST', `/${realm}/users`, {
      username,
      enabled: true,
      email: `${username}@xstack.test`,
      emailVerified: true,
      firstName: 'Temporary',
      lastName: 'User',
      credentials: [{ type: 'password', value: password, temporary: false }],
    })
    const location = created.headers.get('location') ?? ''
    const id = location.slice(location.lastIndexOf('/') + 1) || (await this.userId(realm, username))
    const user: TemporaryUser = {
      id,
      username,
      password,
      remove: async () => {
        await this.request('DELETE', `/${realm}/users/${id}`)
      },
    }
    return user
  }

  async clientUuid(realm: string, clientId: string): Promise<string> {
    const found = await this.request<Array<{ id: string }>>(
      'GET',
      `/${realm}/clients?clientId=${encodeURIComponent(clientId)}`,
    )
    const client = found.data[0]
    if (!client) throw new Error(`no client ${clientId} in ${realm}`)
    return client.id
  }

  /** User events (LOGIN, CODE_TO_TOKEN, REFRESH_TOKEN, ...) the realm recorded, newest first. */
  async events(realm: string, query: { type?: string; client?: string; user?: string; max?: number } = {}) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value))
    return (await this.request<Array<Record<string, unknown>>>('GET', `/${realm}/events?${params}`)).data
  }
}
