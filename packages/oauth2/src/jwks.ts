import type { createLocalJWKSet, FlattenedJWSInput, JSONWebKeySet, JWSHeaderParameters } from 'jose'
import { jose } from './jose.js'
import { type HttpClient, readJson } from './http.js'
import { jwksSchema } from './schemas.js'

type KeyResolver = ReturnType<typeof createLocalJWKSet>

/**
 * The issuer's JSON Web Key Set, fetched lazily. A token whose key is not in the cached set triggers one
 * refetch (key rotation); validations running at the same time share that fetch.
 */
export class JwksCache {
  readonly #http: HttpClient
  readonly #uri: string
  #resolver: KeyResolver | undefined
  #fetching: Promise<KeyResolver> | undefined
  #generation = 0
  /** How many times the set was fetched (for tests and diagnostics). */
  fetches = 0

  constructor(http: HttpClient, uri: string) {
    this.#http = http
    this.#uri = uri
  }

  #refresh(): Promise<KeyResolver> {
    this.#fetching ??= (async () => {
      try {
        this.fetches++
        const response = await this.#http({
          method: 'GET',
          url: this.#uri,
          headers: { accept: 'application/json' },
        })
        const jwks = (await readJson(response, jwksSchema, 'the JWKS endpoint')) as JSONWebKeySet
        this.#resolver = (await jose()).createLocalJWKSet(jwks)
        this.#generation++
        return this.#resolver
      } finally {
        this.#fetching = undefined
      }
    })()
    return this.#fetching
  }

  /** Key resolver for `jose.jwtVerify`. */
  readonly getKey = async (header: JWSHeaderParameters, token: FlattenedJWSInput) => {
    const generation = this.#generation
    const resolver = this.#resolver ?? (await this.#refresh())
    try {
      return await resolver(header, token)
    } catch (error) {
      if (!(error instanceof (await jose()).errors.JWKSNoMatchingKey)) throw error
      // Refetch once, unless another validation refreshed the set while this one waited.
      const next = this.#generation !== generation && this.#resolver ? this.#resolver : await this.#refresh()
      return next(header, token)
    }
  }
}
