// tough-cookie, reached through `tough()` so that the Node build can load it on first use (tough.node.ts). This
// variant imports it statically: it is what bundlers get (the `module` condition), since they must see the import
// to include the library, and what the tests run from the sources.
import * as toughCookie from 'tough-cookie'

/** The tough-cookie module. */
export function tough(): typeof toughCookie {
  return toughCookie
}
