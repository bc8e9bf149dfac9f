// The Node build's tough-cookie (dist/node/index.js takes `X.node.js` over `X.js`; tooling/scripts/bundle-dist.mjs):
// loaded on first use, not at import. tough-cookie and the public-suffix list under it cost about a third of
// `import('@x/requests')`, and a process that never meets a domain cookie or a cross-host redirect never needs it.
// The jar hands out Cookies synchronously, so the load is a synchronous require() of tough-cookie's ES module
// build (resolved as `import` resolves it): one module instance with an application's own
// `import { Cookie } from 'tough-cookie'`, so `instanceof Cookie` holds either way.
import type * as ToughCookie from 'tough-cookie'

let loaded: typeof ToughCookie | undefined

/** The tough-cookie module, loaded on the first call. */
export function tough(): typeof ToughCookie {
  if (loaded === undefined) {
    const { createRequire } = process.getBuiltinModule('node:module')
    const { fileURLToPath } = process.getBuiltinModule('node:url')
    const require = createRequire(import.meta.url)
    loaded = require(fileURLToPath(import.meta.resolve('tough-cookie'))) as typeof ToughCookie
  }
  return loaded
}
