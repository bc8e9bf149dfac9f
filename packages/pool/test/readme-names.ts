// The names the README's snippets share without defining them, for the httpbin under test (HTTPBIN_URL, read when
// this module loads). test/readme-examples.ts imports them: its examples type-check against these and
// readme-run.test.ts runs them.
import { PoolManager } from '@x/pool'

export const base = process.env.HTTPBIN_URL ?? ''
export const url = `${base}/get`
export const pm = new PoolManager()
export const pem = 'ca.pem contents'
export const proxyCa = pem
export const originCa = pem
export const clientCert = 'client.pem contents'
export const clientKey = 'client.key contents'
export const passphrase = 'key passphrase'
/** What example5's `handle` received, for readme-run.test.ts to check. */
export const handled: Uint8Array[] = []
export function handle(chunk: Uint8Array): void {
  handled.push(chunk)
}
