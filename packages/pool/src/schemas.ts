import * as s from './option-schema.js'

// Leaf schemas the option schemas share, as factories: an option schema builds its leaves when it is first used
// (s.lazy), so that importing the package builds none (issue 11 item 3).

const POSITIVE = 'must be a positive number'
const NON_NEGATIVE = 'must be a non-negative number'
const NON_NEGATIVE_INT = 'must be a non-negative integer'
const POSITIVE_INT = 'must be a positive integer'

export const positiveNumber = (): s.Schema<number> =>
  s.number({ error: POSITIVE }).check(s.positive({ error: POSITIVE }))
export const nonNegativeNumber = (): s.Schema<number> =>
  s.number({ error: NON_NEGATIVE }).check(s.gte(0, { error: NON_NEGATIVE }))
export const nonNegativeInt = (): s.Schema<number> =>
  s
    .number({ error: NON_NEGATIVE_INT })
    .check(s.int({ error: NON_NEGATIVE_INT }), s.gte(0, { error: NON_NEGATIVE_INT }))
export const positiveInt = (): s.Schema<number> =>
  s.number({ error: POSITIVE_INT }).check(s.int({ error: POSITIVE_INT }), s.gte(1, { error: POSITIVE_INT }))
export const bool = (): s.Schema<boolean> => s.boolean({ error: 'must be a boolean' })
export const RESEND_STALE = ['unsent', 'idempotent'] as const
export const resendStaleSchema = (): s.Schema<(typeof RESEND_STALE)[number]> =>
  s.enum(RESEND_STALE, { error: "must be 'unsent' or 'idempotent'" })
export const str = (): s.Schema<string> => s.string({ error: 'must be a string' })
export const headersSchema = (): s.Schema<object> =>
  s.custom<object>((v) => typeof v === 'object' && v !== null, {
    error: 'must be an object, an HTTPHeaderDict or an iterable of [name, value] pairs',
  })
