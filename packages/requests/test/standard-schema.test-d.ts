import { type } from 'arktype'
import * as v from 'valibot'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import * as zm from 'zod/mini'
import { z as z3 } from 'zod/v3'
import type { Response, StandardSchemaV1 } from '../src/index.js'

// One type test per validator (issue 11): json(schema) is typed by the schema's output, whatever made it.
describe('json(schema) accepts any Standard Schema v1 validator', () => {
  const r = {} as Response

  it('zod 4', () => {
    expectTypeOf(
      r.json(z.object({ id: z.number(), at: z.string().transform((s) => new Date(s)) })),
    ).toEqualTypeOf<{
      id: number
      at: Date
    }>()
  })

  it('zod/mini', () => {
    expectTypeOf(r.json(zm.object({ id: zm.number(), tags: zm.array(zm.string()) }))).toEqualTypeOf<{
      id: number
      tags: string[]
    }>()
  })

  it('zod 3 API (zod/v3, what zod 3.25 ships)', () => {
    expectTypeOf(r.json(z3.object({ id: z3.number(), name: z3.string().optional() }))).toEqualTypeOf<{
      id: number
      name?: string | undefined
    }>()
  })

  it('valibot', () => {
    expectTypeOf(r.json(v.object({ id: v.number(), name: v.optional(v.string()) }))).toEqualTypeOf<{
      id: number
      name?: string | undefined
    }>()
  })

  it('arktype', () => {
    expectTypeOf(r.json(type({ id: 'number', name: 'string' }))).toEqualTypeOf<{ id: number; name: string }>()
  })

  it('a hand-written Standard Schema', () => {
    const even: StandardSchemaV1<unknown, number> = {
      '~standard': {
        version: 1,
        vendor: 'app',
        validate: (value) =>
          typeof value === 'number' && value % 2 === 0 ? { value } : { issues: [{ message: 'odd' }] },
      },
    }
    expectTypeOf(r.json(even)).toEqualTypeOf<number>()
  })

  it('anything else is refused at compile time', () => {
    // @ts-expect-error not a schema
    r.json({ parse: (x: unknown) => x })
  })
})
