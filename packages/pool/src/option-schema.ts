// The option validator of the stack (issue 11 item 3): exactly the part of zod/mini's API that the option schemas
// of @x/pool, @x/requests and @x/oauth2 use, with zod's semantics for it (issue codes, paths, which issue a union
// reports, messages from `{ error }`, transforms' outputs), so that importing a package loads no validation
// library: zod/mini costs ~45 ms of CPU and ~17 MiB at import, this module well under a millisecond.
// test/option-schema.test.ts runs the schemas of this module and of zod/mini on the same inputs.
import type { OptionIssue, OptionSchema } from './invalid-arg.js'

/** The message of an issue whose schema names none (zod/mini's, which loads no locale). */
const DEFAULT_MESSAGE = 'Invalid input'

interface RawIssue {
  code: string
  path: PropertyKey[]
  message: string
  keys?: string[]
  /** `true` for a failed check: later checks still run, and a union may report it (zod's `continue`). */
  continue: boolean
}
interface Payload {
  value: unknown
  issues: RawIssue[]
  /** Set by a failed pipe: its issues end the parse, whatever their `continue`. */
  aborted?: boolean
}
type Parse = (payload: Payload) => void
type CheckRun = (payload: Payload, schemaMessage: string | undefined) => void

const aborted = (p: Payload): boolean => p.aborted === true || p.issues.some((i) => !i.continue)
const issue = (code: string, message: string | undefined, continues = false): RawIssue => ({
  code,
  path: [],
  message: message ?? DEFAULT_MESSAGE,
  continue: continues,
})

/** A schema's or check's message (zod's params): a string, `{ error }` or `{ message }`. */
export type Params =
  | string
  | {
      /** The message (zod's `error`). */
      readonly error?: string | undefined
      /** The message (zod's older name, as in `refine(fn, { message })`). */
      readonly message?: string | undefined
    }
const messageOf = (params: Params | undefined): string | undefined =>
  typeof params === 'string' ? params : (params?.error ?? params?.message)

/** The result of {@link Schema.safeParse}, zod's shape. */
export type SafeParseResult<T> =
  | {
      /** The value is valid. */
      readonly success: true
      /** The parsed (possibly transformed) value. */
      readonly data: T
    }
  | {
      /** The value is invalid. */
      readonly success: false
      /** What is wrong with it. */
      readonly error: {
        /** One entry per problem found, the first one first. */
        readonly issues: readonly OptionIssue[]
      }
    }

let makeCheck: <T>(run: CheckRun) => Check<T>
let runCheck: (check: Check<never>, payload: Payload, schemaMessage: string | undefined) => void

/**
 * A check run once a value has its schema's type: the argument of {@link Schema.check}, made by {@link gte},
 * {@link refine} and the like.
 *
 * @example
 * ```ts
 * s.number().check(s.gte(0, { error: 'must be a non-negative number' }))
 * ```
 */
export class Check<in T> {
  readonly #run: CheckRun
  /** Type only, never set: the type of value the check takes. */
  declare readonly '~input'?: (value: T) => void
  static {
    makeCheck = <T>(run: CheckRun) => new Check<T>(run)
    runCheck = (check, payload, schemaMessage) => check.#run(payload, schemaMessage)
  }
  private constructor(run: CheckRun) {
    this.#run = run
  }
}

let makeSchema: <T>(parse: Parse, message: string | undefined, optional?: boolean) => Schema<T>
let runSchema: (schema: Schema, payload: Payload) => void

/**
 * A schema: validates a value and yields its parsed form, with zod/mini's semantics for what it offers.
 *
 * @example
 * ```ts
 * import { optionSchema as s, parseOptions } from '@x/pool'
 * const schema = s.strictObject({ size: s.optional(s.number({ error: 'must be a number' })) })
 * parseOptions(schema, { size: 1 }) // { size: 1 }
 * ```
 */
export class Schema<Out = unknown> implements OptionSchema<Out> {
  /** Type only, never set: the parsed value's type (zod's `_output`), read by {@link output}. */
  declare readonly '~output'?: Out
  /** Whether an object may omit the key this schema is for (zod's `optin`). */
  readonly optional: boolean
  readonly #parse: Parse
  readonly #message: string | undefined
  readonly #checks: readonly Check<never>[]

  static {
    makeSchema = <T>(parse: Parse, message: string | undefined, optional = false) =>
      new Schema<T>(parse, message, optional, [])
    runSchema = (schema, payload) => schema.#run(payload)
  }

  private constructor(
    parse: Parse,
    message: string | undefined,
    optional: boolean,
    checks: readonly Check<never>[],
  ) {
    this.#parse = parse
    this.#message = message
    this.optional = optional
    this.#checks = checks
  }

  #run(payload: Payload): void {
    this.#parse(payload)
    if (this.#checks.length === 0 || aborted(payload)) return
    for (const check of this.#checks) {
      runCheck(check, payload, this.#message)
      if (aborted(payload)) return
    }
  }

  /**
   * This schema with `checks` added, run in order once the value has the schema's type (zod/mini's `.check()`).
   *
   * @example
   * ```ts
   * s.number().check(s.int(), s.gte(0))
   * ```
   */
  check(...checks: Check<Out>[]): this {
    return new Schema<Out>(this.#parse, this.#message, this.optional, [...this.#checks, ...checks]) as this
  }

  /**
   * Validates `value` without throwing, as zod's `safeParse`; the first issue is the first problem found.
   *
   * @example
   * ```ts
   * s.string().safeParse(1).success // false
   * ```
   */
  safeParse(value: unknown): SafeParseResult<Out> {
    const payload: Payload = { value, issues: [] }
    this.#run(payload)
    if (payload.issues.length === 0) return { success: true, data: payload.value as Out }
    return { success: false, error: { issues: payload.issues.map(({ continue: _, ...rest }) => rest) } }
  }
}

/**
 * The parsed value's type of a schema (zod's `z.output`).
 *
 * @example
 * ```ts
 * type Sizes = output<typeof sizesSchema>
 * ```
 */
export type output<S> = S extends Schema<infer T> ? T : never

function run(schema: Schema, value: unknown): Payload {
  const payload: Payload = { value, issues: [] }
  runSchema(schema, payload)
  return payload
}
function pushPrefixed(into: Payload, key: PropertyKey, issues: readonly RawIssue[]): void {
  for (const i of issues) into.issues.push({ ...i, path: [key, ...i.path] })
}
const isObject = (v: unknown): v is Record<PropertyKey, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function typed<T>(
  test: (value: unknown) => boolean,
  params: Params | undefined,
  code = 'invalid_type',
): Schema<T> {
  const message = messageOf(params)
  return makeSchema<T>((p) => {
    if (!test(p.value)) p.issues.push(issue(code, message))
  }, message)
}

/**
 * Any string (zod's `z.string`).
 * @example
 * ```ts
 * s.string({ error: 'must be a string' })
 * ```
 */
export const string = (params?: Params): Schema<string> => typed((v) => typeof v === 'string', params)
/**
 * A finite number (zod's `z.number`: NaN and ±Infinity are refused).
 * @example
 * ```ts
 * s.number({ error: 'must be a number' })
 * ```
 */
export const number = (params?: Params): Schema<number> => typed(Number.isFinite, params)
/**
 * `true` or `false` (zod's `z.boolean`).
 * @example
 * ```ts
 * s.boolean({ error: 'must be a boolean' })
 * ```
 */
export const boolean = (params?: Params): Schema<boolean> => typed((v) => typeof v === 'boolean', params)
/**
 * `null` (zod's `z.null`).
 * @example
 * ```ts
 * s.union([s.string(), s.null()])
 * ```
 */
const nullSchema = (params?: Params): Schema<null> => typed((v) => v === null, params)
/**
 * `undefined` (zod's `z.undefined`).
 * @example
 * ```ts
 * s.union([s.string(), s.undefined()])
 * ```
 */
const undefinedSchema = (params?: Params): Schema<undefined> => typed((v) => v === undefined, params)
export { nullSchema as null, undefinedSchema as undefined }
/**
 * Anything (zod's `z.unknown`).
 * @example
 * ```ts
 * s.array(s.unknown())
 * ```
 */
export const unknown = (): Schema<unknown> => makeSchema(() => {}, undefined)

/**
 * Exactly `value` (zod's `z.literal`).
 * @example
 * ```ts
 * s.literal(false)
 * ```
 */
export function literal<const T extends string | number | boolean | null>(
  value: T,
  params?: Params,
): Schema<T> {
  return typed((v) => v === value, params, 'invalid_value')
}
/**
 * One of `values` (zod's `z.enum`).
 * @example
 * ```ts
 * s.enum(['header', 'body'])
 * ```
 */
function enumSchema<const T extends readonly string[]>(values: T, params?: Params): Schema<T[number]> {
  return typed((v) => values.includes(v as string), params, 'invalid_value')
}
/**
 * A value `fn` accepts (zod's `z.custom`: a failure is a `custom` issue, and ends the checks).
 * @example
 * ```ts
 * s.custom<Retry>((v) => v instanceof Retry, 'must be a Retry')
 * ```
 */
export function custom<T = unknown>(fn?: (value: unknown) => unknown, params?: Params): Schema<T> {
  return typed((v) => !fn || Boolean(fn(v)), params, 'custom')
}
/**
 * An instance of `type` (zod's `z.instanceof`).
 * @example
 * ```ts
 * s.instanceof(Uint8Array)
 * ```
 */
function instanceofSchema<T>(type: abstract new (...args: never[]) => T, params?: Params): Schema<T> {
  return typed((v) => v instanceof type, params)
}
export { enumSchema as enum, instanceofSchema as instanceof }

/**
 * An absolute URL (zod's `z.url`): its output is the input trimmed, without tabs and newlines (zod's); with a
 * `protocol` of `/^https?$/` the input must also start with `http://` or `https://` (zod's guard).
 * @example
 * ```ts
 * s.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })
 * ```
 */
export function url(params: { readonly protocol?: RegExp; readonly error?: string } = {}): Schema<string> {
  const { protocol, error } = params
  return typed<string>((v) => typeof v === 'string', error).check(
    makeCheck((p, schemaMessage) => {
      const trimmed = (p.value as string).trim()
      const parsed =
        protocol?.source === '^https?$' && !/^https?:\/\//i.test(trimmed) ? null : URL.parse(trimmed)
      if (parsed === null || (protocol && !protocol.test(parsed.protocol.slice(0, -1)))) {
        p.issues.push(issue('invalid_format', error ?? schemaMessage, true))
      } else {
        p.value = trimmed.replace(/[\t\n\r]/g, '')
      }
    }),
  )
}

/**
 * `inner`, or `undefined` (zod's `z.optional`): an object may omit the key.
 * @example
 * ```ts
 * s.strictObject({ size: s.optional(s.number()) })
 * ```
 */
export function optional<T>(inner: Schema<T>): OptionalSchema<T> {
  return makeSchema<T | undefined>(
    (p) => {
      if (p.value !== undefined) runSchema(inner, p)
    },
    undefined,
    true,
  ) as OptionalSchema<T>
}
/** What {@link optional} returns: a schema whose key an object may omit. */
export interface OptionalSchema<T> extends Schema<T | undefined> {
  /** Always `true`: an object may omit the key. */
  readonly optional: true
}

type Out<S> = S extends Schema<infer T> ? T : never
type Options = readonly [Schema, ...Schema[]]

/**
 * The first of `options` that accepts the value (zod's `z.union`). When none does, the problem reported is the
 * one option's that failed only a check (`-1` against `int().check(gte(0))`), else the union's own message.
 * @example
 * ```ts
 * s.union([s.number(), s.literal(false)], { error: 'must be a number or false' })
 * ```
 */
export function union<const O extends Options>(options: O, params?: Params): Schema<Out<O[number]>> {
  const message = messageOf(params)
  return makeSchema(
    (p) => {
      const results: Payload[] = []
      for (const option of options) {
        const r = run(option, p.value)
        if (r.issues.length === 0) {
          p.value = r.value
          return
        }
        results.push(r)
      }
      const candidates = results.filter((r) => !aborted(r))
      if (candidates.length === 1) {
        p.value = candidates[0]!.value
        p.issues.push(...candidates[0]!.issues)
      } else p.issues.push(issue('invalid_union', message))
    },
    message,
    options.some((o) => o.optional),
  )
}

type Shape = Readonly<Record<string, Schema>>
type Simplify<T> = { [K in keyof T]: T[K] } & {}
type OptionalKeys<S extends Shape> = {
  [K in keyof S]: S[K] extends { readonly optional: true } ? K : never
}[keyof S]
type ObjectOut<S extends Shape> = Simplify<
  { [K in Exclude<keyof S, OptionalKeys<S>>]: Out<S[K]> } & { [K in OptionalKeys<S>]?: Out<S[K]> }
>

function objectSchema<T>(shape: Shape, mode: 'strict' | 'loose' | 'strip', params?: Params): Schema<T> {
  const message = messageOf(params)
  const known = new Set(Object.keys(shape))
  const keys = [...known].filter((k) => k !== '__proto__')
  return makeSchema((p) => {
    const input = p.value
    if (!isObject(input)) return void p.issues.push(issue('invalid_type', message))
    const out: Record<string, unknown> = {}
    for (const key of keys) {
      const schema = shape[key]!
      const present = key in input
      if (!present && schema.optional) continue
      const r = run(schema, input[key])
      if (present) {
        pushPrefixed(p, key, r.issues)
        out[key] = r.value
      } else if (r.issues.length > 0) pushPrefixed(p, key, r.issues)
      else p.issues.push({ ...issue('invalid_type', undefined), path: [key] })
    }
    const unrecognized: string[] = []
    for (const key in input) {
      if (known.has(key)) continue
      if (mode === 'strict') unrecognized.push(key)
      else if (mode === 'loose' && key !== '__proto__') out[key] = input[key]
    }
    if (unrecognized.length > 0)
      p.issues.push({ ...issue('unrecognized_keys', message, true), keys: unrecognized })
    p.value = out
  }, message)
}
/**
 * An object with the keys of `shape` and no other (zod's `z.strictObject`: an unknown key is an
 * `unrecognized_keys` issue).
 * @example
 * ```ts
 * s.strictObject({ connect: s.optional(s.number()) }, { error: 'must be an object' })
 * ```
 */
export const strictObject = <const S extends Shape>(shape: S, params?: Params): Schema<ObjectOut<S>> =>
  objectSchema(shape, 'strict', params)
/**
 * An object with the keys of `shape`, other keys kept as they are (zod's `z.looseObject`).
 * @example
 * ```ts
 * s.looseObject({ issuer: s.string() })
 * ```
 */
export const looseObject = <const S extends Shape>(
  shape: S,
  params?: Params,
): Schema<ObjectOut<S> & { [key: string]: unknown }> => objectSchema(shape, 'loose', params)
/**
 * An object with the keys of `shape`, other keys dropped from the output (zod's `z.object`).
 * @example
 * ```ts
 * s.object({ privateKey: s.custom<object>() })
 * ```
 */
export const object = <const S extends Shape>(shape: S, params?: Params): Schema<ObjectOut<S>> =>
  objectSchema(shape, 'strip', params)

/**
 * The schema `build` returns, built when it first validates a value (zod's `z.lazy`): a module declares its option
 * schemas at no cost to `import`.
 * @example
 * ```ts
 * const optionsSchema = s.lazy(() => s.strictObject({ size: s.optional(s.number()) }))
 * ```
 */
export function lazy<T>(build: () => Schema<T>): Schema<T> {
  let built: Schema<T> | undefined
  return makeSchema<T>((p) => {
    built ??= build()
    runSchema(built, p)
  }, undefined)
}

/**
 * An array of `element` (zod's `z.array`).
 * @example
 * ```ts
 * s.array(s.string(), { error: 'must be an array of strings' })
 * ```
 */
export function array<T>(element: Schema<T>, params?: Params): Schema<T[]> {
  const message = messageOf(params)
  return makeSchema((p) => {
    const input = p.value
    if (!Array.isArray(input)) return void p.issues.push(issue('invalid_type', message))
    p.value = input.map((item, i) => {
      const r = run(element, item)
      pushPrefixed(p, i, r.issues)
      return r.value
    })
  }, message)
}

/**
 * An array of exactly one value per item schema (zod's `z.tuple`, without optional items or rest).
 * @example
 * ```ts
 * s.tuple([s.string(), s.string()])
 * ```
 */
export function tuple<const I extends readonly Schema[]>(
  items: I,
  params?: Params,
): Schema<{ -readonly [K in keyof I]: Out<I[K]> }> {
  const message = messageOf(params)
  return makeSchema((p) => {
    const input = p.value
    if (!Array.isArray(input)) return void p.issues.push(issue('invalid_type', message))
    if (input.length < items.length) return void p.issues.push(issue('too_small', message))
    if (input.length > items.length) p.issues.push(issue('too_big', message))
    p.value = items.map((item, i) => {
      const r = run(item, input[i])
      pushPrefixed(p, i, r.issues)
      return r.value
    })
  }, message)
}

/**
 * A plain object whose keys pass `key` and values pass `value` (zod's `z.record` with a string key schema).
 * @example
 * ```ts
 * s.record(s.string(), s.string(), { error: 'must be an object of strings' })
 * ```
 */
export function record<V>(key: Schema<string>, value: Schema<V>, params?: Params): Schema<Record<string, V>> {
  const message = messageOf(params)
  return makeSchema((p) => {
    const input = p.value
    if (!isObject(input) || !isPlain(input)) return void p.issues.push(issue('invalid_type', message))
    const out: Record<string, unknown> = {}
    for (const k of Reflect.ownKeys(input)) {
      if (k === '__proto__' || !Object.prototype.propertyIsEnumerable.call(input, k)) continue
      if (run(key, k).issues.length > 0) {
        p.issues.push({ ...issue('invalid_key', message), path: [k] })
        continue
      }
      const r = run(value, input[k])
      pushPrefixed(p, k, r.issues)
      out[k as string] = r.value
    }
    p.value = out
  }, message)
}
// zod's isPlainObject: no prototype, or a constructor whose prototype has its own `isPrototypeOf`.
function isPlain(o: object): boolean {
  const ctor = (o as { constructor?: unknown }).constructor
  if (typeof ctor !== 'function') return true
  const proto: unknown = ctor.prototype
  return isObject(proto) && Object.hasOwn(proto, 'isPrototypeOf')
}

/**
 * `from`, then `to` on its output if it passed (zod's `z.pipe`).
 * @example
 * ```ts
 * s.pipe(s.string(), s.transform((v: string) => Number(v)))
 * ```
 */
export function pipe<A, B>(from: Schema<A>, to: Schema<B>): Schema<B> {
  return makeSchema(
    (p) => {
      runSchema(from, p)
      if (p.issues.some((i) => i.code !== 'unrecognized_keys')) p.aborted = true
      else runSchema(to, p)
    },
    undefined,
    from.optional && to.optional,
  )
}
/**
 * `fn` applied to the value (zod's `z.transform`), for {@link pipe}.
 * @example
 * ```ts
 * s.transform((v: string) => v.toLowerCase())
 * ```
 */
export function transform<I, O>(fn: (value: I) => O): Schema<O> {
  return makeSchema((p) => {
    p.value = fn(p.value as I)
  }, undefined)
}

const check = <T>(
  test: (value: T) => boolean,
  code: string,
  params: Params | undefined,
  continues = true,
) => {
  const message = messageOf(params)
  return makeCheck<T>((p, schemaMessage) => {
    if (!test(p.value as T)) p.issues.push(issue(code, message ?? schemaMessage, continues))
  })
}
/**
 * At least `min` (zod's `z.gte`).
 * @example
 * ```ts
 * s.number().check(s.gte(0))
 * ```
 */
export const gte = (min: number, params?: Params): Check<number> =>
  check((v) => v >= min, 'too_small', params)
/**
 * Greater than 0 (zod's `z.positive`).
 * @example
 * ```ts
 * s.number().check(s.positive())
 * ```
 */
export const positive = (params?: Params): Check<number> => check((v) => v > 0, 'too_small', params)
/**
 * A safe integer (zod's `z.int`; a fractional number ends the checks, as a wrong type does).
 * @example
 * ```ts
 * s.number().check(s.int())
 * ```
 */
export const int = (params?: Params): Check<number> =>
  makeCheck((p, schemaMessage) => {
    const v = p.value as number
    const message = messageOf(params) ?? schemaMessage
    if (!Number.isInteger(v)) p.issues.push(issue('invalid_type', message))
    else if (!Number.isSafeInteger(v)) p.issues.push(issue(v > 0 ? 'too_big' : 'too_small', message, true))
  })
/**
 * At least `min` characters (code points) or items (zod's `z.minLength`).
 * @example
 * ```ts
 * s.string().check(s.minLength(1, { error: 'must be a non-empty string' }))
 * ```
 */
export const minLength = (min: number, params?: Params): Check<string | readonly unknown[]> =>
  check(
    (v) => (typeof v === 'string' && v.length < 2 * min ? [...v].length : v.length) >= min,
    'too_small',
    params,
  )
/**
 * Matches `pattern` (zod's `z.regex`).
 * @example
 * ```ts
 * s.string().check(s.regex(/^[0-9a-f]{64}$/))
 * ```
 */
export const regex = (pattern: RegExp, params?: Params): Check<string> =>
  check(
    (v) => {
      pattern.lastIndex = 0
      return pattern.test(v)
    },
    'invalid_format',
    params,
  )
/**
 * `fn` returns a truthy value (zod's `z.refine`); `path` places the issue under the value.
 * @example
 * ```ts
 * s.looseObject({ a: s.optional(s.string()) }).check(s.refine((o) => o.a, { message: 'a is required', path: ['a'] }))
 * ```
 */
export function refine<T>(
  fn: (value: T) => unknown,
  params?: Params & { readonly path?: readonly PropertyKey[] },
): Check<T> {
  const message = messageOf(params)
  const path = typeof params === 'object' ? (params.path ?? []) : []
  return makeCheck<T>((p, schemaMessage) => {
    if (!fn(p.value as T))
      p.issues.push({ ...issue('custom', message ?? schemaMessage, true), path: [...path] })
  })
}
/** What {@link superRefine}'s function reports through. */
export interface RefinementContext {
  /** Reports a problem with the value (zod's `ctx.addIssue`). */
  addIssue(problem: {
    /** zod's issue code; only `custom` here. */
    readonly code: 'custom'
    /** What is wrong, e.g. `must not contain control characters`. */
    readonly message: string
    /** The value at fault (accepted for zod compatibility, not reported). */
    readonly input?: unknown
    /** Where under the value, as keys. */
    readonly path?: readonly PropertyKey[]
  }): void
}
/**
 * `fn` reports the value's problems itself (zod's `z.superRefine`).
 * @example
 * ```ts
 * s.string().check(s.superRefine((v, ctx) => { if (v.includes('\n')) ctx.addIssue({ code: 'custom', message: 'must be one line' }) }))
 * ```
 */
export function superRefine<T>(fn: (value: T, ctx: RefinementContext) => void): Check<T> {
  return makeCheck<T>((p) => {
    fn(p.value as T, {
      addIssue: ({ code, message, path = [] }) =>
        p.issues.push({ code, message, path: [...path], continue: true }),
    })
  })
}
