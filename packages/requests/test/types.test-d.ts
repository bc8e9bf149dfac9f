import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import {
  type AuthBase,
  type AuthInput,
  type HookContext,
  type ResponseHook,
  type ConnectTimeout,
  type HTTPError,
  type PreparedRequest,
  type RequestExceptionOptions,
  type RequestsErrorCode,
  type Response,
  Session,
  codes,
  delete as del,
  get,
} from '../src/index.js'

describe('public types', () => {
  it('errors carry the full Response and PreparedRequest (typed through RequestExceptionModels, no import circle)', () => {
    const e = {} as HTTPError
    expectTypeOf(e.response).toEqualTypeOf<Response | undefined>()
    expectTypeOf(e.request).toEqualTypeOf<PreparedRequest | undefined>()
    expectTypeOf<RequestExceptionOptions['response']>().toEqualTypeOf<Response | undefined>()
    expectTypeOf<RequestExceptionOptions['request']>().toEqualTypeOf<PreparedRequest | undefined>()
  })

  it('hooks and auth objects get the full PreparedRequest, Response and Session (through HookModels)', () => {
    expectTypeOf<HookContext['session']>().toEqualTypeOf<Session>()
    expectTypeOf<HookContext['send']>().toEqualTypeOf<(request: PreparedRequest) => Promise<Response>>()
    expectTypeOf<Parameters<ResponseHook>[0]>().toEqualTypeOf<Response>()
    expectTypeOf<Parameters<AuthBase['apply']>[0]>().toEqualTypeOf<PreparedRequest>()
    expectTypeOf<Parameters<NonNullable<AuthBase['handleResponse']>>[0]>().toEqualTypeOf<Response>()
  })
  it('json(schema) is typed by the schema; json<T>() by the type argument', () => {
    const r = {} as Response
    expectTypeOf(r.json(z.object({ id: z.number() }))).toEqualTypeOf<{ id: number }>()
    expectTypeOf(r.json<{ a: string }>()).toEqualTypeOf<{ a: string }>()
    expectTypeOf(r.content).toEqualTypeOf<Uint8Array>()
  })

  it('module functions and session methods return Promise<Response>', () => {
    expectTypeOf(get).returns.toEqualTypeOf<Promise<Response>>()
    expectTypeOf(del).parameter(0).toEqualTypeOf<string | URL>()
    expectTypeOf(new Session().post).returns.toEqualTypeOf<Promise<Response>>()
  })

  it('auth accepts tuples and functions; errors expose code', () => {
    expectTypeOf<['u', 'p']>().toMatchTypeOf<AuthInput>()
    expectTypeOf<ConnectTimeout['code']>().toEqualTypeOf<RequestsErrorCode>()
  })

  it('codes: known names are numbers (no `!` needed), other keys may be undefined', () => {
    expectTypeOf(codes.ok).toEqualTypeOf<number>()
    expectTypeOf(codes.OK).toEqualTypeOf<number>()
    expectTypeOf(codes.all_ok).toEqualTypeOf<number>()
    expectTypeOf(codes.ALL_OK).toEqualTypeOf<number>()
    expectTypeOf(codes['\\o/']).toEqualTypeOf<number>()
    expectTypeOf(codes.whatever).toEqualTypeOf<number | undefined>()
  })
})
