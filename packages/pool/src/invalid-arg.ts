// Option parsing shared by the three packages of the stack (exported from the public entry so that @x/requests
// and @x/oauth2 use this one copy, not their own): one error shape, one unknown-key rule, one registry type.

/** The code of every invalid-option `TypeError` of the stack (Node's own code for the same fault). */
export const ERR_INVALID_ARG_VALUE = 'ERR_INVALID_ARG_VALUE'

/**
 * A Node-style `TypeError` with `code: 'ERR_INVALID_ARG_VALUE'` and a message naming the option path:
 * `"options.timeout.connect" must be a positive number`. Shared by `@x/requests` and `@x/oauth2`.
 *
 * @example
 * ```ts
 * throw invalidArg('options.maxSize', 'must be a positive integer')
 * ```
 */
export function invalidArg(
  path: string,
  message: string,
): TypeError & {
  /** Always `'ERR_INVALID_ARG_VALUE'`, Node's code for an invalid argument. */
  code: typeof ERR_INVALID_ARG_VALUE
} {
  const error = new TypeError(`"${path}" ${message}`) as TypeError & { code: typeof ERR_INVALID_ARG_VALUE }
  Object.defineProperty(error, 'code', { value: ERR_INVALID_ARG_VALUE, enumerable: true })
  return error
}

/**
 * Every key of an options type, each marked `true`: a key missing from (or not in) the type is a compile error,
 * so runtime key lists derived from it cannot drift from the types (ky's option registry).
 *
 * @example
 * ```ts
 * const registry: OptionRegistry<{ a?: number; b?: string }> = { a: true, b: true }
 * ```
 */
export type OptionRegistry<T> = { readonly [K in keyof T]-?: true }

/**
 * The keys of an {@link OptionRegistry}, for the per-call unknown-key check ({@link checkOptionKeys}).
 *
 * @example
 * ```ts
 * const KEYS = optionKeys<{ a?: number }>({ a: true }) // Set { 'a' }
 * ```
 */
export function optionKeys<T>(registry: OptionRegistry<T>): ReadonlySet<keyof T & string> {
  return new Set(Object.keys(registry) as (keyof T & string)[])
}

/**
 * Throws {@link invalidArg} for the first key of `value` not in `known`: a misspelt option is never ignored.
 * Cheap enough for every request (no schema).
 *
 * @example
 * ```ts
 * checkOptionKeys({ timout: 1 }, new Set(['timeout']), 'options') // "options.timout" is not a known option
 * ```
 */
export function checkOptionKeys(value: object | undefined, known: ReadonlySet<string>, root: string): void {
  if (!value) return
  for (const key in value) if (!known.has(key)) throw invalidArg(`${root}.${key}`, 'is not a known option')
}

/**
 * The options of `value` whose keys are in `keys`, without the `undefined` ones: the one field-by-field copy of
 * options between layers, so that an option added to a registry is passed on without another edit.
 *
 * @example
 * ```ts
 * pickOptions({ a: 1, b: 2, c: undefined }, new Set(['a', 'c'] as const)) // { a: 1 }
 * ```
 */
export function pickOptions<T extends object, K extends keyof T>(value: T, keys: ReadonlySet<K>): Pick<T, K> {
  const out: Partial<Pick<T, K>> = {}
  // Over the given keys (usually none to three), not over the registry: ~14 ns a call instead of ~130 ns.
  for (const key in value) {
    if (!keys.has(key as unknown as K)) continue
    const v = value[key as unknown as K]
    if (v !== undefined) out[key as unknown as K] = v
  }
  return out as Pick<T, K>
}

/** One problem a schema reports (the part of a zod issue {@link parseOptions} reads). */
export interface OptionIssue {
  /**
   * The validator's issue code (zod's: `invalid_type`, `unrecognized_keys`, `custom`, ...).
   * @see https://zod.dev/packages/core#issue-types
   */
  readonly code: string
  /** Where in the options the problem is, as keys from the root. */
  readonly path: readonly PropertyKey[]
  /** What is wrong, e.g. `must be a positive number`. */
  readonly message: string
  /** The unknown keys, for an `unrecognized_keys` issue. */
  readonly keys?: readonly string[]
}

/**
 * What {@link parseOptions} needs of a schema: zod's `safeParse`. Structural, so zod stays out of these types.
 */
export interface OptionSchema<T> {
  /** Parses `value` without throwing (zod's `safeParse`). */
  safeParse(value: unknown):
    | {
        /** The value is valid. */
        success: true
        /** The parsed value. */
        data: T
      }
    | {
        /** The value is invalid. */
        success: false
        /** What is wrong with it. */
        error: {
          /** One entry per problem found. */
          issues: readonly OptionIssue[]
        }
      }
}

function joinPath(root: string, path: ReadonlyArray<PropertyKey>): string {
  let out = root
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `.${String(part)}`
  return out
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root
  for (const key of path)
    value = typeof value === 'object' && value !== null ? Reflect.get(value, key) : undefined
  return value
}

/**
 * Validates public options once, at construction (`undefined` counts as `{}`), and rethrows the first problem as
 * {@link invalidArg}: `"options.x" is not a known option`, `"options.x" is required`, `"options.x" must be ...`.
 *
 * @example
 * ```ts
 * const options = parseOptions(optionSchema.strictObject({ maxSize: optionSchema.optional(optionSchema.number()) }), input)
 * ```
 */
export function parseOptions<T>(schema: OptionSchema<T>, value: unknown, root = 'options'): T {
  const input = value === undefined ? {} : value
  const result = schema.safeParse(input)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  if (issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined) {
    throw invalidArg(joinPath(root, [...issue.path, issue.keys[0]]), 'is not a known option')
  }
  if (issue.code === 'invalid_type' && issue.path.length > 0 && valueAt(input, issue.path) === undefined) {
    throw invalidArg(joinPath(root, issue.path), 'is required')
  }
  const message = issue.message.startsWith('must ') ? issue.message : `is invalid (${issue.message})`
  throw invalidArg(joinPath(root, issue.path), message)
}
