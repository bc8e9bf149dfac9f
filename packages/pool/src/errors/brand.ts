// The error mechanism of the whole stack (@x/pool, @x/requests and @x/oauth2 use this one): each error class has a
// `Symbol.for` brand, each error object the set of brands it answers `instanceof` for. `Symbol.for` makes the
// check hold across two installed copies of a package, as undici's `Symbol.for('undici.error.UND_ERR')` does.

const kBrands = Symbol.for('@x/error.brands')

/**
 * What {@link brandError} reads of an error class (and of each class it extends): its own `brand`, and `alsoBrands`
 * for the classes it also counts as (requests' multiple inheritance: a `ConnectTimeout` is also a `Timeout`).
 */
export interface BrandedErrorClass {
  /** The class's own `Symbol.for` brand. */
  readonly brand: symbol
  /** Brands of other classes this class's errors also answer `instanceof` for. */
  readonly alsoBrands?: readonly symbol[]
}

const chains = new WeakMap<object, ReadonlySet<symbol>>()

function brandsOf(ctor: object): ReadonlySet<symbol> {
  const brands = chains.get(ctor)
  if (brands !== undefined) return brands
  const set = new Set<symbol>()
  for (let c: unknown = ctor; typeof c === 'function' && 'brand' in c; c = Object.getPrototypeOf(c)) {
    const k = c as BrandedErrorClass
    if (Object.hasOwn(k, 'brand')) set.add(k.brand)
    for (const b of k.alsoBrands ?? []) set.add(b)
  }
  chains.set(ctor, set)
  return set
}

// The layers of the stack, lowest first: '@x/requests.ConnectTimeout' -> 1.
const LAYERS = ['@x/pool', '@x/requests', '@x/oauth2']
const layerOf = (brand: symbol) =>
  LAYERS.indexOf(brand.description?.slice(0, brand.description.lastIndexOf('.')) ?? '')

/**
 * Gives `error` the brands of `ctor`'s class chain. When a cause is an error of a lower layer of the stack (a pool
 * error under a requests error, a requests error under an OAuth error), `error` also takes the cause's brands: the
 * error a layer translates is caught by the same `instanceof` at every layer above it (issue 14).
 *
 * @example
 * ```ts
 * // inside a base error class constructor
 * brandError(this, new.target, options?.cause)
 * ```
 */
export function brandError(error: object, ctor: BrandedErrorClass, ...causes: unknown[]): void {
  let brands = brandsOf(ctor)
  for (const cause of causes) {
    const below = (cause as { [kBrands]?: ReadonlySet<symbol> } | null | undefined)?.[kBrands]
    if (below === undefined) continue
    // Only from below: a pool error wrapping a requests error (raised by a mock dispatcher) stays a pool error.
    const layer = layerOf(ctor.brand)
    let lower = true
    for (const b of below) if (layerOf(b) >= layer) lower = false
    if (lower) brands = new Set([...brands, ...below])
  }
  Object.defineProperty(error, kBrands, { value: brands })
}

/**
 * Whether `value` carries `brand`: the `static [Symbol.hasInstance]` of every error class of the stack.
 *
 * @example
 * ```ts
 * static override [Symbol.hasInstance](value: unknown): boolean { return hasErrorBrand(value, this.brand) }
 * ```
 */
export function hasErrorBrand(value: unknown, brand: symbol): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [kBrands]?: ReadonlySet<symbol> })[kBrands]?.has(brand) === true
  )
}
