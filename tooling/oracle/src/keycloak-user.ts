// A user of the oracle's own in Keycloak's xstack realm, created through the admin API for one run and removed
// after it, so other suites sharing the Keycloak (ending sessions of alice or bob) cannot change what we observe.

export interface KeycloakUser {
  username: string
  password: string
  remove(): Promise<void>
}

async function adminToken(base: string): Promise<string> {
  const response = await fetch(`${base}/realms/master/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'password',
      client_id: 'admin-cli',
      username: 'admin',
      password: 'admin',
    }),
  })
  if (!response.ok) throw new Error(`Keycloak admin login answered ${response.status}`)
  return ((await response.json()) as { access_token: string }).access_token
}

export async function createKeycloakUser(base: string): Promise<KeycloakUser> {
  const username = `oracle-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const password = `${username}-password`
  const headers = { authorization: `Bearer ${await adminToken(base)}`, 'content-type': 'application/json' }
  const created = await fetch(`${base}/admin/realms/xstack/users`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      username,
      enabled: true,
      email: `${username}@xstack.test`,
      emailVerified: true,
      firstName: 'Oracle',
      lastName: 'User',
      credentials: [{ type: 'password', value: password, temporary: false }],
    }),
  })
  if (created.status !== 201) throw new Error(`creating a Keycloak user answered ${created.status}`)
  const location = created.headers.get('location') ?? ''
  const id = location.slice(location.lastIndexOf('/') + 1)
  return {
    username,
    password,
    remove: async () => {
      const token = await adminToken(base)
      await fetch(`${base}/admin/realms/xstack/users/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
      })
    },
  }
}
