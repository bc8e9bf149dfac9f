import { describe, expect, it } from 'vitest'
import { readEnvironment } from '../src/session/environment.js'
import { environmentProxies, environmentVerify } from '../src/session/merge.js'

/** An environment that counts reads of each variable. */
function countingEnv(values: Record<string, string>) {
  const reads = new Map<string, number>()
  const env = new Proxy(values, {
    get(target, name: string) {
      reads.set(name, (reads.get(name) ?? 0) + 1)
      return target[name]
    },
  })
  return { env: env as NodeJS.ProcessEnv, reads }
}

describe('a session reads each part of the environment when first needed, then keeps it (issue 11)', () => {
  it('plain http reads neither the CA bundle nor NO_PROXY when no proxy is set', () => {
    const { env, reads } = countingEnv({ REQUESTS_CA_BUNDLE: '/ca.pem' })
    const snapshot = readEnvironment(env)
    expect(environmentVerify(true, snapshot, 'http://a.test/')).toBe(true)
    expect(environmentProxies('http://a.test/', undefined, snapshot)).toBeUndefined()
    expect(reads.has('REQUESTS_CA_BUNDLE')).toBe(false)
    expect(reads.has('NO_PROXY')).toBe(false)
    // https uses the bundle, read once for the session's life.
    expect(environmentVerify(true, snapshot, 'https://a.test/')).toBe('/ca.pem')
    expect(environmentVerify(true, snapshot, 'HTTPS://b.test/')).toBe('/ca.pem')
    expect(reads.get('REQUESTS_CA_BUNDLE')).toBe(1)
  })

  it('NO_PROXY is read once a proxy applies, and honoured', () => {
    const { env, reads } = countingEnv({ HTTP_PROXY: 'http://proxy:3128', NO_PROXY: 'a.test' })
    const snapshot = readEnvironment(env)
    expect(environmentProxies('http://a.test/', undefined, snapshot)).toBeUndefined()
    expect(environmentProxies('http://b.test/', undefined, snapshot)).toEqual({ http: 'http://proxy:3128' })
    expect(reads.get('NO_PROXY')).toBe(1)
    expect(reads.get('HTTP_PROXY')).toBe(1)
  })

  it('an explicit verify (false or a path) wins without reading the environment', () => {
    const { env, reads } = countingEnv({ CURL_CA_BUNDLE: '/curl.pem' })
    const snapshot = readEnvironment(env)
    expect(environmentVerify(false, snapshot, 'https://a.test/')).toBe(false)
    expect(environmentVerify('/mine.pem', snapshot, 'https://a.test/')).toBe('/mine.pem')
    expect(reads.size).toBe(0)
    expect(environmentVerify(true, snapshot, 'https://a.test/')).toBe('/curl.pem')
  })
})
