// The names the README's snippets share without defining them, for the httpbin under test (HTTPBIN_URL, read when
// this module loads). test/readme-examples.ts imports them: its examples type-check against these and
// readme-run.test.ts runs them.
import { Session } from '@x/requests'

export const url = process.env.HTTPBIN_URL ?? ''
export const s = new Session()
export const token = 'eyJhbGciOiJub25lIn0.e30.'
export const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
