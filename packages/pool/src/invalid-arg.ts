import type { z } from 'zod'

/** A Node-style `TypeError` with `code: 'ERR_INVALID_ARG_VALUE'` and a message naming the option path. */
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

/** Validates `value` once (at construction) and rethrows the first zod issue as {@link invalidArg}. */
export function parseOptions<S extends z.ZodType>(schema: S, value: unknown, root = 'options'): z.output<S> {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]!
  if (issue.code === 'unrecognized_keys') {
    throw invalidArg(joinPath(root, [...issue.path, issue.keys[0]!]), 'is not a known option')
  }
  const message = issue.message.startsWith('must ') ? issue.message : `is invalid (${issue.message})`
  throw invalidArg(joinPath(root, issue.path), message)
}
