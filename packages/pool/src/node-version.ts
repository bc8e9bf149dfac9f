// Refuses an unsupported Node.js at import with a message naming the version needed, instead of undici's
// `Cannot read properties of undefined (reading 'bind')` (Node 20 lacks zlib's zstd). index.ts imports this module
// first, and ESM evaluates imports in order, so it runs before undici loads. package.json lists it under
// `sideEffects`, so bundlers keep it, and dist/node/index.js imports it as a module of its own, first
// (tooling/scripts/bundle-dist.mjs).

/** The lowest Node.js the stack supports (also `engines.node` of each package). */
export const MIN_NODE = '22.19.0'

const [major = 0, minor = 0] = process.versions.node.split('.').map(Number)
if (major < 22 || (major === 22 && minor < 19)) {
  const error = new Error(
    `@x/pool (and @x/requests, @x/oauth2 built on it) needs Node.js >= ${MIN_NODE}; this is Node.js ${process.version}`,
  )
  Object.defineProperty(error, 'code', { value: 'ERR_X_UNSUPPORTED_NODE', enumerable: true })
  throw error
}
