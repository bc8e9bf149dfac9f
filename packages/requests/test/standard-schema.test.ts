import { type } from 'arktype'
import * as v from 'valibot'
import { describe, expect } from 'vitest'
import { ZodError, z } from 'zod'
import * as zm from 'zod/mini'
import { z as z3 } from 'zod/v3'
import { InvalidJSONError, type Response, type StandardSchemaV1 } from '../src/index.js'
import { it as base } from './fixtures.js'

// `r`: httpbin's /json, fetched once for the file:
// { "slideshow": { "author": "Yours Truly", "slides": [...], "title": "Sample Slide Show", ... } }
const it = base.extend<{ r: Response }>({
  r: [async ({ httpbin, s }, use) => use(await s.get(`${httpbin.url}/json`)), { scope: 'file' }],
})

const valid = {
  'zod 4': z.object({ slideshow: z.object({ author: z.string() }) }),
  'zod/mini': zm.object({ slideshow: zm.object({ author: zm.string() }) }),
  'zod 3 API': z3.object({ slideshow: z3.object({ author: z3.string() }) }),
  valibot: v.object({ slideshow: v.object({ author: v.string() }) }),
  arktype: type({ slideshow: { author: 'string' } }),
} satisfies Record<string, StandardSchemaV1>

const invalid = {
  'zod 4': z.object({ slideshow: z.object({ author: z.number() }) }),
  'zod/mini': zm.object({ slideshow: zm.object({ author: zm.number() }) }),
  'zod 3 API': z3.object({ slideshow: z3.object({ author: z3.number() }) }),
  valibot: v.object({ slideshow: v.object({ author: v.number() }) }),
  arktype: type({ slideshow: { author: 'number' } }),
} satisfies Record<string, StandardSchemaV1>

describe('json(schema) with any Standard Schema validator (issue 11)', () => {
  for (const [name, schema] of Object.entries(valid)) {
    it(`${name}: returns the validated output (unknown keys stripped or kept as the schema says)`, ({
      r,
    }) => {
      expect(r.json(schema).slideshow.author).toBe('Yours Truly')
    })
  }

  for (const [name, schema] of Object.entries(invalid)) {
    it(`${name}: a mismatch is InvalidJSONError naming the path`, ({ r }) => {
      const error = (() => {
        try {
          r.json(schema)
        } catch (e) {
          return e
        }
      })()
      expect(error).toBeInstanceOf(InvalidJSONError)
      expect((error as Error).message).toMatch(
        /^Response JSON does not match the schema:\n✖ .+\n {2}→ at slideshow\.author/,
      )
      expect((error as InvalidJSONError).response).toBe(r)
    })
  }

  it('zod keeps its ZodError as the cause; other validators give { issues }', ({ r }) => {
    const zodError = (() => {
      try {
        r.json(invalid['zod 4'])
      } catch (e) {
        return (e as Error).cause
      }
    })()
    expect(zodError).toBeInstanceOf(ZodError)
    const other = (() => {
      try {
        r.json(invalid.valibot)
      } catch (e) {
        return (e as Error).cause as { issues: unknown[] }
      }
    })()
    expect(other?.issues).toHaveLength(1)
  })

  it('transforms apply (the output, not the input, is returned)', ({ r }) => {
    const schema = v.pipe(
      v.object({ slideshow: v.object({ slides: v.array(v.unknown()) }) }),
      v.transform((d) => d.slideshow.slides.length),
    )
    expect(r.json(schema)).toBe(2)
  })

  it('an asynchronous schema or a non-schema is a TypeError naming the argument', ({ r }) => {
    const asyncSchema: StandardSchemaV1 = {
      '~standard': { version: 1, vendor: 'test', validate: async (value) => ({ value }) },
    }
    expect(() => r.json(asyncSchema)).toThrow(/"schema" must validate synchronously/)
    expect(() => r.json({} as StandardSchemaV1)).toThrow(/"schema" must be a Standard Schema/)
    expect(() => r.json({} as StandardSchemaV1)).toThrow(TypeError)
  })
})
