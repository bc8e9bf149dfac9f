import { describe, expect, test } from 'vitest'
import { Session } from '../src/index.js'

// The option schemas run on zod/mini, which carries no English default messages: every bad value must still be
// named in the stack's own words, never `is invalid (Invalid input)` (issue 11 item 4).
describe('invalid Session options name the problem', () => {
  test.each([
    [{ auth: 5 }, '"options.auth" must be [user, password], an AuthBase or a function'],
    [{ timeout: -1 }, '"options.timeout" must be a positive number'],
    [{ timeout: [-1, 1] }, '"options.timeout[0]" must be a positive number'],
    [{ maxRedirects: 1.5 }, '"options.maxRedirects" must be a non-negative integer'],
    [{ maxRedirects: 'x' }, '"options.maxRedirects" must be a non-negative integer'],
    [{ proxies: 5 }, '"options.proxies" must be { scheme: url }'],
    [{ proxies: { http: 5 } }, '"options.proxies.http" must be a proxy URL or null'],
    [{ maxResponseSize: 0 }, '"options.maxResponseSize" must be a positive integer (bytes) or null'],
    [{ hooks: 5 }, '"options.hooks" must be an object'],
    [
      { adapterOptions: { maxRetries: -1 } },
      '"options.adapterOptions.maxRetries" must be a non-negative integer or a Retry',
    ],
    [
      { adapterOptions: { poolMaxsize: 0 } },
      '"options.adapterOptions.poolMaxsize" must be a positive integer',
    ],
  ])('%j', (options, message) => {
    expect(() => new Session(options as never)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_VALUE', message }),
    )
  })

  test('a non-object options argument', () => {
    expect(() => new Session(5 as never)).toThrow(
      expect.objectContaining({ message: '"options" must be an object' }),
    )
  })
})
