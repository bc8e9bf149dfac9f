import * as z from 'zod/mini'

const POSITIVE = 'must be a positive number'
const NON_NEGATIVE = 'must be a non-negative number'
const NON_NEGATIVE_INT = 'must be a non-negative integer'
const POSITIVE_INT = 'must be a positive integer'

export const positiveNumber = z.number({ error: POSITIVE }).check(z.positive({ error: POSITIVE }))
export const nonNegativeNumber = z.number({ error: NON_NEGATIVE }).check(z.gte(0, { error: NON_NEGATIVE }))
export const nonNegativeInt = z
  .number({ error: NON_NEGATIVE_INT })
  .check(z.int({ error: NON_NEGATIVE_INT }), z.gte(0, { error: NON_NEGATIVE_INT }))
export const positiveInt = z
  .number({ error: POSITIVE_INT })
  .check(z.int({ error: POSITIVE_INT }), z.gte(1, { error: POSITIVE_INT }))
export const bool = z.boolean({ error: 'must be a boolean' })
export const RESEND_STALE = ['unsent', 'idempotent'] as const
export const resendStaleSchema = z.enum(RESEND_STALE, { error: "must be 'unsent' or 'idempotent'" })
export const str = z.string({ error: 'must be a string' })
export const headersSchema = z.custom<object>((v) => typeof v === 'object' && v !== null, {
  error: 'must be an object, an HTTPHeaderDict or an iterable of [name, value] pairs',
})
