import { invalidArg } from '@x/pool'
import { InvalidJSONError } from '../errors/invalid-json-error.js'
import type { RequestExceptionModels } from '../errors/request-exception.js'

/**
 * The Standard Schema v1 interface (https://standardschema.dev), copied as its authors recommend: zod (3.25+,
 * 4.x and zod/mini), valibot, arktype and others implement it, so `json(schema)` takes any of them without a
 * dependency on one.
 *
 * @example
 * ```ts
 * const s: StandardSchemaV1<unknown, { id: number }> = z.object({ id: z.number() })
 * ```
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  /**
   * The Standard Schema properties, under a key that stays out of editors' autocompletion.
   * @see https://standardschema.dev/#the-interface
   */
  readonly '~standard': StandardSchemaV1.Props<Input, Output>
}

/**
 * The types of the Standard Schema v1 interface, copied verbatim from the spec.
 * @see https://standardschema.dev/#the-interface
 */
export declare namespace StandardSchemaV1 {
  /** The `~standard` properties of a schema. */
  export interface Props<Input = unknown, Output = Input> {
    /** The version of the Standard Schema spec (1). */
    readonly version: 1
    /** The library that made the schema (`'zod'`, `'valibot'`, …). */
    readonly vendor: string
    /** Validates `value`: the output, or the issues found. */
    readonly validate: (value: unknown) => Result<Output> | Promise<Result<Output>>
    /** Only for type inference: never set at run time. */
    readonly types?: Types<Input, Output> | undefined
  }
  /** What `validate` returns. */
  export type Result<Output> = SuccessResult<Output> | FailureResult
  /** A passed validation. */
  export interface SuccessResult<Output> {
    /** The validated (and possibly transformed) value. */
    readonly value: Output
    /** Absent on success. */
    readonly issues?: undefined
  }
  /** A failed validation. */
  export interface FailureResult {
    /** What is wrong, one issue per problem. */
    readonly issues: ReadonlyArray<Issue>
  }
  /** One validation problem. */
  export interface Issue {
    /** What is wrong, e.g. `Expected number, received string`. */
    readonly message: string
    /** Where in the value, as keys from the root. */
    readonly path?: ReadonlyArray<PropertyKey | PathSegment> | undefined
  }
  /** A key of an issue's path, as an object. */
  export interface PathSegment {
    /** The key. */
    readonly key: PropertyKey
  }
  /** The input and output types of a schema, for inference. */
  export interface Types<Input = unknown, Output = Input> {
    /** The type the schema accepts. */
    readonly input: Input
    /** The type the schema produces. */
    readonly output: Output
  }
  /** The input type of a schema. */
  export type InferInput<Schema extends StandardSchemaV1> = NonNullable<Schema['~standard']['types']>['input']
  /** The output type of a schema, what `response.json(schema)` returns. */
  export type InferOutput<Schema extends StandardSchemaV1> = NonNullable<
    Schema['~standard']['types']
  >['output']
}

type ZodLike = {
  safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: unknown } }
}

/** One issue per line, zod's `prettifyError` layout: `✖ message` and `→ at path` when there is one. */
function describeIssues(issues: ReadonlyArray<StandardSchemaV1.Issue>): string {
  const lines: string[] = []
  for (const issue of issues) {
    lines.push(`✖ ${issue.message}`)
    const path = (issue.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p))
    if (path.length > 0) lines.push(`  → at ${path.join('.')}`)
  }
  return lines.join('\n')
}

/**
 * Validates parsed JSON with a Standard Schema: the schema's output, or {@link InvalidJSONError} naming every
 * issue (`cause`: the `ZodError` for zod schemas, `{ issues }` for others). Asynchronous schemas are refused:
 * `json()` is synchronous, as in requests.
 */
export function validateJson(
  schema: StandardSchemaV1,
  data: unknown,
  response: RequestExceptionModels['response'],
): unknown {
  const standard = (schema as Partial<StandardSchemaV1> | null | undefined)?.['~standard']
  if (typeof standard?.validate !== 'function') {
    throw invalidArg('schema', 'must be a Standard Schema (zod, valibot, arktype, ...)')
  }
  if (standard.vendor === 'zod' && typeof (schema as Partial<ZodLike>).safeParse === 'function') {
    // zod's own entry point: its ZodError stays the cause, as before Standard Schema support.
    const r = (schema as unknown as ZodLike).safeParse(data)
    if (r.success) return r.data
    const issues = r.error.issues as ReadonlyArray<StandardSchemaV1.Issue>
    throw new InvalidJSONError(`Response JSON does not match the schema:\n${describeIssues(issues)}`, {
      cause: r.error,
      response,
    })
  }
  const result = standard.validate(data)
  if (result instanceof Promise) {
    void result.catch(() => {})
    throw invalidArg('schema', 'must validate synchronously (json() is synchronous)')
  }
  if (result.issues === undefined) return result.value
  throw new InvalidJSONError(`Response JSON does not match the schema:\n${describeIssues(result.issues)}`, {
    cause: { issues: result.issues },
    response,
  })
}
