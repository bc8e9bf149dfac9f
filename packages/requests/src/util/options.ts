import type { z } from 'zod'

/** A Node-style `TypeError` (`code: 'ERR_INVALID_ARG_VALUE'`) whose message names the option path. */
export function invalidArg(path: string, message: string): TypeError {
  const error = new TypeError(`"${path}" ${message}`)
  Object.defineProperty(error, 'code', { value: 'ERR_INVALID_ARG_VALUE', enumerable: true })
  return error
}

function joinPath(root: string, path: ReadonlyArray<PropertyKey>): string {
  let out = root
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `.${String(part)}`
  return out
}

/** Validate options once (at construction); the first zod issue becomes an {@link invalidArg} error. */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, root = 'options'): z.output<S> {
  const result = schema.safeParse(value ?? {})
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  if (issue.code === 'unrecognized_keys') {
    throw invalidArg(joinPath(root, [...issue.path, issue.keys[0]!]), 'is not a known option')
  }
  const message = issue.message.startsWith('must ') ? issue.message : `is invalid (${issue.message})`
  throw invalidArg(joinPath(root, issue.path), message)
}

/** Cheap per-request check: unknown keys are an error (typos must not be ignored silently). */
export function checkKeys(value: object | undefined, known: ReadonlySet<string>, root: string): void {
  if (!value) return
  for (const key in value) if (!known.has(key)) throw invalidArg(`${root}.${key}`, 'is not a known option')
}
