// The option validator against zod/mini, its model (issue 11 item 3): the same schemas, built once with each
// library through the same calls, must accept the same values with the same output and report the same first
// issue (code, path, message, keys), which is all that parseOptions and the stack's messages read.
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import * as zod from 'zod/mini'
import * as s from '../src/option-schema.js'

type Api = typeof s
const zodApi = zod as unknown as Api

class Marker {}
const fn = () => 1
const POS = 'must be a positive number'
const NNI = 'must be a non-negative integer'

// Every call the stack's option schemas make, in the combinations they make them (pool, requests, oauth2).
const schemas: Record<string, (z: Api) => s.Schema> = {
  lazyObject: (z) =>
    z.lazy(() =>
      z.strictObject(
        { connect: z.optional(z.number({ error: POS }).check(z.positive({ error: POS }))) },
        { error: 'must be an object' },
      ),
    ),
  positiveNumber: (z) => z.number({ error: POS }).check(z.positive({ error: POS })),
  nonNegativeInt: (z) => z.number({ error: NNI }).check(z.int({ error: NNI }), z.gte(0, { error: NNI })),
  enum: (z) => z.enum(['unsent', 'idempotent'], { error: "must be 'unsent' or 'idempotent'" }),
  pem: (z) => z.union([z.string(), z.instanceof(Uint8Array)], { error: 'must be a string or a Buffer' }),
  tls: (z) =>
    z.strictObject(
      {
        ca: z.optional(z.union([z.string(), z.array(z.string())], { error: 'must be a string or an array' })),
        rejectUnauthorized: z.optional(z.boolean({ error: 'must be a boolean' })),
        fingerprint: z.optional(
          z.string({ error: 'must be a string' }).check(z.regex(/^[0-9a-f]{4}$/, { error: 'must be 4 hex' })),
        ),
      },
      { error: 'must be an object' },
    ),
  count: (z) =>
    z.union(
      [
        z.number({ error: NNI }).check(z.int({ error: NNI }), z.gte(0, { error: NNI })),
        z.literal(false),
        z.null(),
      ],
      {
        error: 'must be a non-negative integer, false or null',
      },
    ),
  retries: (z) =>
    z.union(
      [
        z.number({ error: NNI }).check(z.int({ error: NNI }), z.gte(0, { error: NNI })),
        z.literal(false),
        z.custom<Marker>((v) => v instanceof Marker),
      ],
      { error: 'must be a non-negative integer, false or a Retry' },
    ),
  iterable: (z) =>
    z.union(
      [
        z.custom((v) => typeof v === 'object' && v !== null && Symbol.iterator in v, {
          error: 'must be an iterable',
        }),
        z.null(),
      ],
      { error: 'must be an iterable of methods or null' },
    ),
  timeout: (z) =>
    z.union(
      [
        z.number({ error: POS }).check(z.positive({ error: POS })),
        z.tuple([z.number({ error: POS }).check(z.positive({ error: POS })), z.number()]),
        z.custom<Marker>((v) => v instanceof Marker),
        z.strictObject({ connect: z.optional(z.number({ error: POS }).check(z.positive({ error: POS }))) }),
        z.null(),
      ],
      { error: 'must be a positive number, a TimeoutConfig or { connect }' },
    ),
  headersRecord: (z) =>
    z.record(z.string(), z.string({ error: 'must be a string' }), { error: 'must be an object' }),
  proxies: (z) =>
    z.record(
      z.string({ error: 'must be { scheme: url }' }),
      z.union([z.string(), z.null(), z.undefined()], { error: 'must be a proxy URL or null' }),
      { error: 'must be { scheme: url }' },
    ),
  session: (z) =>
    z.strictObject(
      {
        auth: z.optional(
          z.union([z.tuple([z.string(), z.string()]), z.custom((v) => typeof v === 'function'), z.null()], {
            error: 'must be [user, password], an AuthBase or a function',
          }),
        ),
        hooks: z.optional(
          z.strictObject(
            {
              request: z.optional(
                z.union([z.custom((v) => typeof v === 'function'), z.array(z.unknown())], {
                  error: 'must be a function or an array of functions',
                }),
              ),
            },
            { error: 'must be an object' },
          ),
        ),
        baseUrl: z.optional(z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })),
        maxResponseSize: z.optional(
          z.union([z.number().check(z.int({ error: 'bytes' }), z.positive({ error: 'bytes' })), z.null()], {
            error: 'bytes',
          }),
        ),
        socketPath: z.optional(
          z
            .string({ error: 'must be a string' })
            .check(z.minLength(1, { error: 'must be a non-empty path' })),
        ),
        verify: z.optional(
          z.union([z.boolean(), z.string()], { error: 'must be a boolean or a CA bundle path' }),
        ),
      },
      { error: 'must be an object' },
    ),
  oauth: (z) =>
    z.object(
      {
        clientId: z
          .string({ error: 'must be a non-empty string' })
          .check(z.minLength(1, { error: 'must be a non-empty string' })),
        updateToken: z.optional(z.custom((v) => typeof v === 'function', 'must be a function')),
        redirectUri: z.optional(
          z.string({ error: 'must be an absolute URL' }).check(
            z.superRefine((value: string, ctx) => {
              if (value.includes('#'))
                ctx.addIssue({ code: 'custom', message: 'must not have a fragment', input: value })
            }),
          ),
        ),
        codeChallengeMethod: z.optional(
          z.union([z.enum(['S256', 'plain']), z.literal(false)], {
            error: "must be 'S256', 'plain' or false",
          }),
        ),
        dpop: z.optional(
          z.union(
            [
              z.boolean(),
              z.object({
                privateKey: z.custom<object>((v) => typeof v === 'object' && v !== null, 'must be an object'),
                alg: z.optional(z.string()),
              }),
            ],
            {
              error: 'must be a boolean or { privateKey, alg? }',
            },
          ),
        ),
        clientAuthMethods: z.optional(
          z.record(
            z.string({ error: 'must be a function per method name' }),
            z.custom((v) => typeof v === 'function', 'must be a function'),
            {
              error: 'must be an object of functions',
            },
          ),
        ),
      },
      { error: 'must be an object' },
    ),
  loose: (z) =>
    z
      .looseObject(
        {
          issuer: z.string({ error: 'must be a URL string' }),
          seconds: z.optional(
            z.union(
              [
                z.number().check(z.gte(0, { error: 'must be seconds' })),
                z.pipe(
                  z.string().check(z.regex(/^\d+$/, { error: 'must be seconds' })),
                  z.transform((v: string) => Number(v)),
                ),
              ],
              { error: 'must be seconds' },
            ),
          ),
          uri: z.optional(z.string()),
          url: z.optional(z.string()),
        },
        { error: 'must be a JSON object' },
      )
      .check(
        z.refine((d: { uri?: string | undefined; url?: string | undefined }) => d.uri ?? d.url, {
          message: 'uri is required',
          path: ['uri'],
        }),
      ),
}

const values = [
  undefined,
  null,
  true,
  false,
  0,
  1,
  -1,
  1.5,
  2 ** 60,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  'x',
  '12',
  'http://127.0.0.1/a',
  ' https://a.test/b\t ',
  'http://a.test/x\ty',
  'http:x',
  'ftp://a.test/',
  'not a url',
  'a#b',
  'S256',
  'plain',
  'unsent',
  'abcd',
  [],
  [1],
  [1, 2],
  [-1, 1],
  ['a', 'b'],
  ['a', 1],
  [fn],
  new Uint8Array(1),
  new Set(['GET']),
  new Marker(),
  fn,
  {},
  { a: 1 },
  Object.create(null),
  new Date(0),
]
const keys = [
  'ca',
  'rejectUnauthorized',
  'fingerprint',
  'connect',
  'auth',
  'hooks',
  'request',
  'baseUrl',
  'maxResponseSize',
  'socketPath',
  'verify',
  'clientId',
  'updateToken',
  'redirectUri',
  'codeChallengeMethod',
  'dpop',
  'privateKey',
  'alg',
  'clientAuthMethods',
  'issuer',
  'seconds',
  'uri',
  'url',
  'http',
  'typo',
]
const leaf = fc.constantFrom(...values)
const input = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), tie('array')),
  object: fc.dictionary(fc.constantFrom(...keys), tie('value'), { maxKeys: 4 }),
  array: fc.array(tie('value'), { maxLength: 3 }),
})).value

function outcome(schema: s.Schema, value: unknown) {
  const r = schema.safeParse(value)
  if (r.success) return { success: true, data: r.data }
  const [first] = r.error.issues
  return {
    success: false,
    issue: { code: first?.code, path: first?.path, message: first?.message, keys: first?.keys },
  }
}

describe('the option validator answers as zod/mini', () => {
  test.each(Object.entries(schemas))('%s', (_name, build) => {
    const ours = build(s)
    const theirs = build(zodApi)
    for (const value of values)
      expect(outcome(ours, value), fc.stringify(value)).toEqual(outcome(theirs, value))
    for (const key of keys) {
      for (const value of values) {
        const object = { clientId: 'c', issuer: 'i', uri: 'u', [key]: value }
        expect(outcome(ours, object), fc.stringify(object)).toEqual(outcome(theirs, object))
      }
    }
    fc.assert(
      fc.property(input, (value) => {
        expect(outcome(ours, value)).toEqual(outcome(theirs, value))
      }),
      { numRuns: 400 },
    )
  })
})

test('a lazy schema is built on its first validation, once', () => {
  let builds = 0
  const schema = s.lazy(() => {
    builds++
    return s.strictObject({ size: s.optional(s.number({ error: 'must be a number' })) })
  })
  expect(builds).toBe(0)
  expect(schema.safeParse({ size: 1 })).toEqual({ success: true, data: { size: 1 } })
  expect(schema.safeParse({ size: 'x' }).success).toBe(false)
  expect(builds).toBe(1)
})
