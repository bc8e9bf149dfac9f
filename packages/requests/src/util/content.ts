import { TextDecoder } from 'node:util'
/** requests' `get_encoding_from_headers`: the charset, `ISO-8859-1` for text/*, `utf-8` for JSON. */
export function encodingFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined
  const m = /;\s*charset\s*=\s*("?)([^";,\s]+)\1/i.exec(contentType)
  if (m) return m[2]
  const type = contentType.toLowerCase()
  if (type.includes('text')) return 'ISO-8859-1'
  if (type.includes('application/json')) return 'utf-8'
  return undefined
}

/** A cheap stand-in for chardet: BOMs, then UTF-8 if the bytes are valid UTF-8, else ISO-8859-1. */
export function guessEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return 'utf-8'
  } catch {
    return 'ISO-8859-1'
  }
}

/** requests' `guess_json_utf`: JSON starts with two ASCII characters, so nulls reveal UTF-16/32. */
export function guessJsonUtf(b: Uint8Array): string | undefined {
  if (b.length < 4) return undefined
  const nulls = [b[0], b[1], b[2], b[3]].filter((x) => x === 0).length
  if (nulls === 0) return 'utf-8'
  if (nulls === 2) {
    if (b[0] === 0 && b[2] === 0) return 'utf-16be'
    if (b[1] === 0 && b[3] === 0) return 'utf-16le'
  }
  return undefined
}

/** Decode bytes with a charset label, falling back to UTF-8 with replacement for unknown labels. */
export function decodeText(bytes: Uint8Array, encoding: string): string {
  let decoder = decoders.get(encoding)
  if (!decoder) {
    try {
      decoder = new TextDecoder(encoding)
    } catch {
      decoder = new TextDecoder('utf-8')
    }
    if (decoders.size < 64) decoders.set(encoding, decoder)
  }
  return decoder.decode(bytes)
}

/** Non-streaming decoders are stateless between calls: share one per label. */
const decoders = new Map<string, TextDecoder>()

/**
 * One parsed `Link` header entry: `url` plus its parameters (`rel`, `type`...).
 *
 * @example
 * ```ts
 * r.links.next?.url
 * ```
 */
export type Link = { url: string } & Record<string, string>

/** requests' `parse_header_links`. */
export function parseHeaderLinks(value: string): Link[] {
  const links: Link[] = []
  const strip = (s: string): string => s.trim().replace(/^[ '"]+|[ '"]+$/g, '')
  for (const val of value.trim().split(/, *</)) {
    if (!val.trim()) continue
    const semi = val.indexOf(';')
    const url = semi === -1 ? val : val.slice(0, semi)
    const link: Link = { url: url.trim().replace(/^[<> '"]+|[<> '"]+$/g, '') }
    if (semi !== -1) {
      for (const param of val.slice(semi + 1).split(';')) {
        const eq = param.indexOf('=')
        if (eq === -1) continue
        link[strip(param.slice(0, eq))] = strip(param.slice(eq + 1))
      }
    }
    links.push(link)
  }
  return links
}

/** Concatenate chunks without copying when there is only one. */
export function concatChunks(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!
  const out = new Uint8Array(total)
  let off = 0
  for (const c of chunks) {
    out.set(c, off)
    off += c.byteLength
  }
  return out
}
