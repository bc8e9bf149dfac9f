import { describe, expect, test } from 'vitest'
import {
  MemoryTokenStore,
  OAuth2Session,
  OAuth2Token,
  type StoredToken,
  type TokenStore,
  type TokenStoreKey,
} from '../src/index.js'
import { startTokenServer } from './helpers/token-server.js'

const key: TokenStoreKey = { issuer: 'http://127.0.0.1/token', clientId: 'svc' }
const fields = (access_token: string, inSeconds = 300): StoredToken => ({
  access_token,
  token_type: 'Bearer',
  expires_at: Math.floor(Date.now() / 1000) + inSeconds,
})

/** A store that counts the calls the session makes to it. */
function counting(store: TokenStore) {
  const calls = { read: 0, write: 0, renew: 0 }
  const counted: TokenStore = {
    read: (k, o) => {
      calls.read++
      return store.read(k, o)
    },
    write: (k, t, o) => {
      calls.write++
      return store.write(k, t, o)
    },
    renew: (k, r, o) => {
      calls.renew++
      return store.renew(k, r, o)
    },
    subscribe: (k, l) => store.subscribe?.(k, l) ?? (() => {}),
  }
  return { store: counted, calls }
}

describe('MemoryTokenStore', () => {
  test('renew runs one at a time per key, and a waiter re-reads the holder’s token instead of renewing', async () => {
    const store = new MemoryTokenStore()
    let fetches = 0
    const renew = async (current: StoredToken | undefined) => {
      if (current !== undefined) return current // someone renewed meanwhile: no request
      fetches++
      await new Promise((r) => setTimeout(r, 20))
      return fields(`at-${fetches}`)
    }
    const results = await Promise.all(Array.from({ length: 10 }, () => store.renew(key, renew)))
    expect(fetches).toBe(1)
    expect(new Set(results.map((t) => t.access_token))).toEqual(new Set(['at-1']))
    expect(await store.read(key)).toEqual(fields('at-1'))
  })

  test('a failing renew rejects its caller only, releases the lease and stores nothing', async () => {
    const store = new MemoryTokenStore()
    await expect(store.renew(key, async () => Promise.reject(new Error('down')))).rejects.toThrow('down')
    expect(await store.read(key)).toBeUndefined()
    await expect(store.renew(key, async () => fields('after'))).resolves.toMatchObject({
      access_token: 'after',
    })
  })

  test('keys are apart by issuer, client and subject; subscribers hear writes until they unsubscribe', async () => {
    const store = new MemoryTokenStore()
    const heard: string[] = []
    const stop = store.subscribe(key, (t) => heard.push(t.access_token))
    await store.write(key, fields('a'))
    await store.write({ ...key, subject: 'alice' }, fields('b'))
    await store.write({ ...key, clientId: 'other' }, fields('c'))
    stop()
    await store.write(key, fields('d'))
    expect(heard).toEqual(['a'])
    expect((await store.read({ ...key, subject: 'alice' }))?.access_token).toBe('b')
    expect((await store.read(key))?.access_token).toBe('d')
  })

  test('a waiter whose signal aborts stops waiting for the lease', async () => {
    const store = new MemoryTokenStore()
    let release: () => void = () => {}
    const held = store.renew(key, () => new Promise((r) => (release = () => r(fields('slow')))))
    const controller = new AbortController()
    const waiting = store.renew(key, async (c) => c ?? fields('x'), { signal: controller.signal })
    controller.abort(new Error('gave up'))
    await expect(waiting).rejects.toThrow('gave up')
    release()
    await expect(held).resolves.toMatchObject({ access_token: 'slow' })
  })
})

describe('OAuth2Session with a tokenStore', () => {
  test('a store without read, write and renew, or an empty grantType, is refused at construction', () => {
    const bad = (options: Record<string, unknown>) => () =>
      new OAuth2Session({ clientId: 'svc', ...options } as ConstructorParameters<typeof OAuth2Session>[0])
    expect(bad({ tokenStore: { read: async () => undefined } })).toThrow(
      '"options.tokenStore" must be a token store (read, write and renew methods)',
    )
    expect(bad({ grantType: '' })).toThrow('"options.grantType" must be a non-empty string')
    expect(bad({ tokenStoreSubject: 42 })).toThrow('"options.tokenStoreSubject" must be a non-empty string')
  })

  test('a cached-token request never touches the store', async () => {
    await using server = await startTokenServer()
    const { store, calls } = counting(new MemoryTokenStore())
    await using client = new OAuth2Session({ clientId: 'svc', clientSecret: 's', tokenStore: store })
    await client.fetchToken(server.tokenUrl, { grantType: 'client_credentials' })
    expect(calls).toEqual({ read: 0, write: 1, renew: 0 })
    for (let i = 0; i < 100; i++) expect((await client.get(server.resourceUrl)).statusCode).toBe(200)
    expect(calls).toEqual({ read: 0, write: 1, renew: 0 })
  })

  test('two sessions sharing a store make one token request between them, and one renewal', async () => {
    await using server = await startTokenServer({ delay: 20, refresh: false })
    const tokenStore = new MemoryTokenStore()
    const options = {
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: server.tokenUrl,
      grantType: 'client_credentials',
      tokenStore,
    }
    await using a = new OAuth2Session(options)
    await using b = new OAuth2Session(options)
    const first = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).get(server.resourceUrl)),
    )
    expect(first.every((r) => r.statusCode === 200)).toBe(true)
    expect(server.grants.get('client_credentials')).toBe(1)
    expect(a.token?.access_token).toBe(b.token?.access_token)
    // Both copies expire: one renewal for both sessions.
    const stale = new OAuth2Token({ ...a.token!.toJSON(), expires_at: Math.floor(Date.now() / 1000) - 1 })
    a.token = stale
    b.token = stale
    await tokenStore.write({ issuer: server.tokenUrl, clientId: 'svc' }, stale.toJSON())
    const second = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).get(server.resourceUrl)),
    )
    expect(second.every((r) => r.statusCode === 200)).toBe(true)
    expect(server.grants.get('client_credentials')).toBe(2)
    expect(a.token?.access_token).toBe(b.token?.access_token)
  })

  test('sessions for different users (tokenStoreSubject) never share a token through one store', async () => {
    await using server = await startTokenServer()
    const tokenStore = new MemoryTokenStore()
    const base = { clientId: 'web', tokenEndpoint: server.tokenUrl, tokenStore }
    await using alice = new OAuth2Session({ ...base, tokenStoreSubject: 'alice' })
    await using bob = new OAuth2Session({ ...base, tokenStoreSubject: 'bob' })
    await using bobAgain = new OAuth2Session({ ...base, tokenStoreSubject: 'bob' })
    await alice.fetchToken(undefined, { username: 'alice', password: 'a' })
    await bob.fetchToken(undefined, { username: 'bob', password: 'b' })
    expect(alice.token?.access_token).not.toBe(bob.token?.access_token)
    const r = await bobAgain.get(server.resourceUrl) // reads bob's stored token
    expect(r.json<{ token: string }>().token).toBe(bob.token?.access_token)
    expect(await tokenStore.read({ issuer: server.tokenUrl, clientId: 'web' })).toBeUndefined()
    expect(
      (await tokenStore.read({ issuer: server.tokenUrl, clientId: 'web', subject: 'alice' }))?.access_token,
    ).toBe(alice.token?.access_token)
  })

  test('a session without a token takes the stored one (no token request)', async () => {
    await using server = await startTokenServer()
    const tokenStore = new MemoryTokenStore()
    const issued = server.issue()
    await tokenStore.write({ issuer: server.tokenUrl, clientId: 'svc' }, issued)
    await using client = new OAuth2Session({ clientId: 'svc', tokenEndpoint: server.tokenUrl, tokenStore })
    const r = await client.get(server.resourceUrl)
    expect(r.json<{ token: string }>().token).toBe(issued.access_token)
    expect(server.hits.get('/token')).toBeUndefined()
  })

  test('a subscribed session picks up a token another session wrote, without reading the store', async () => {
    await using server = await startTokenServer()
    const { store, calls } = counting(new MemoryTokenStore())
    await using a = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: server.tokenUrl,
      tokenStore: store,
    })
    await using b = new OAuth2Session({
      clientId: 'svc',
      clientSecret: 's',
      tokenEndpoint: server.tokenUrl,
      tokenStore: store,
    })
    await a.fetchToken(undefined, { grantType: 'client_credentials' })
    await b.get(server.resourceUrl) // reads the store once and subscribes
    const reads = calls.read
    const next = await a.fetchToken(undefined, { grantType: 'client_credentials', scope: 'other' })
    expect(b.token?.access_token).toBe(next.access_token)
    const r = await b.get(server.resourceUrl)
    expect(r.json<{ token: string }>().token).toBe(next.access_token)
    expect(calls.read).toBe(reads)
  })

  test('close() stops listening to the store', async () => {
    await using server = await startTokenServer()
    const tokenStore = new MemoryTokenStore()
    const options = { clientId: 'svc', clientSecret: 's', tokenEndpoint: server.tokenUrl, tokenStore }
    await using a = new OAuth2Session(options)
    await using b = new OAuth2Session(options)
    await a.fetchToken(undefined, { grantType: 'client_credentials' })
    await b.ensureActiveToken() // subscribed
    const held = b.token?.access_token
    await b.close()
    await a.fetchToken(undefined, { grantType: 'client_credentials', scope: 'next' })
    expect(b.token?.access_token).toBe(held)
    expect(a.token?.access_token).not.toBe(held)
  })
})
