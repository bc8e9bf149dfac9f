import { createRequire } from 'node:module'

type Chardet = typeof import('chardet')
let chardet: Chardet | undefined

/**
 * The charset a detector reads in bytes that are neither BOM-marked nor valid UTF-8 (requests asks
 * charset_normalizer). The detector (the `chardet` package) is loaded on first use only, so importing
 * @x/requests, or reading UTF-8 and declared-charset bodies, never pays for it.
 */
export function detectCharset(bytes: Uint8Array): string | undefined {
  chardet ??= createRequire(import.meta.url)('chardet') as Chardet
  // The detector reads every byte it is given; 64 KiB is plenty to tell charsets apart.
  return chardet.detect(bytes.subarray(0, 65_536)) ?? undefined
}
