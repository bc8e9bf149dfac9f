/**
 * The package version.
 *
 * @example
 * ```ts
 * import { VERSION } from '@x/requests'
 * console.log(VERSION)
 * ```
 */
export const VERSION = '0.1.0'
