// Runs a module of this workspace from its TypeScript sources in a plain `node` process (for tests that need a
// fresh process, e.g. NODE_DEBUG, which node reads at startup): Node strips the types, and this hook maps the
// `./x.js` specifiers of NodeNext sources to `./x.ts` and workspace packages to their `@x/source` entry.
//   node [--experimental-transform-types] tooling/scripts/run-source.mjs <module.ts>  (transform: for sources with
//   parameter properties, which plain type stripping refuses)
import { registerHooks } from 'node:module'
import { pathToFileURL } from 'node:url'

registerHooks({
  resolve(specifier, context, next) {
    const conditions = [...(context.conditions ?? []), '@x/source']
    try {
      return next(specifier, { ...context, conditions })
    } catch (error) {
      if (specifier.endsWith('.js') && specifier.startsWith('.')) {
        return next(`${specifier.slice(0, -3)}.ts`, { ...context, conditions })
      }
      throw error
    }
  },
})
await import(pathToFileURL(process.argv[2]).href)
