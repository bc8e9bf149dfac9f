// The Node build (dist/node/, the `default` export condition), run in a child process (`./dev test` builds first):
// - it loads tough-cookie on first use, not at import (src/cookies/tough.node.ts), and the Cookies it hands out are
//   instances of the application's own `import { Cookie } from 'tough-cookie'`;
// - `@x/requests/testing` shares the main entry's modules: one ConnectionError class, whichever entry is imported.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

const root = fileURLToPath(new URL('..', import.meta.url))
const bundle = new URL('../dist/node/index.js', import.meta.url).href

const script = `
import { registerHooks } from 'node:module'
const resolved = []
registerHooks({ resolve(specifier, context, next) { resolved.push(specifier); return next(specifier, context) } })
const seen = () => resolved.some((s) => s.includes('tough-cookie'))
const requests = await import('@x/requests')
if (!import.meta.resolve('@x/requests').endsWith('/dist/node/index.js')) throw new Error('not the Node build')
const atImport = seen()
const jar = new requests.RequestsCookieJar()
jar.set('sid', 'abc', { domain: 'example.test' })
const afterDomainCookie = seen()
const { Cookie } = await import('tough-cookie')
const testing = await import('@x/requests/testing')
console.log(JSON.stringify({
  testingBuild: import.meta.resolve('@x/requests/testing').split('/dist/')[1],
  oneConnectionError: Object.getPrototypeOf(testing.UnregisteredCallError) === requests.ConnectionError,
  unregisteredIsConnectionError: new testing.UnregisteredCallError('x') instanceof requests.ConnectionError,
  atImport,
  afterDomainCookie,
  sameClass: jar.find('sid') instanceof Cookie,
  header: jar.cookieHeader('http://example.test/'),
  userCookie: jar.setCookie(new Cookie({ key: 'u', value: '1', domain: 'example.test' })).key,
}))
`

test('the Node build loads tough-cookie on the first domain cookie, as the same module an application imports', () => {
  expect(existsSync(new URL(bundle)), 'dist/node/index.js is missing: run `pnpm build` first').toBe(true)
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  })
  expect(JSON.parse(out)).toEqual({
    testingBuild: 'node/testing.js',
    oneConnectionError: true,
    unregisteredIsConnectionError: true,
    atImport: false,
    afterDomainCookie: true,
    sameClass: true,
    header: 'sid=abc',
    userCookie: 'u',
  })
})
