import { TextDecoder } from 'node:util'
import { detectCharset } from './charset.js'
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

/**
 * requests' `apparent_encoding`: a BOM, then `ascii` / `utf-8` for bytes that are valid as such (what
 * charset_normalizer answers for them), else what a charset detector reads (loaded lazily), else ISO-8859-1.
 */
export function guessEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  if (bytes.byteLength === 0) return 'utf-8'
  if (isAscii(bytes)) return 'ascii'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return 'utf-8'
  } catch {
    return detectCharset(bytes) ?? 'ISO-8859-1'
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.byteLength; i++) if (bytes[i]! > 0x7f) return false
  return true
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

/**
 * Decode bytes with a charset label as Python's codecs would (requests: `str(content, encoding, errors='replace')`),
 * falling back to UTF-8 with replacement for unknown labels. Latin-1 is real ISO-8859-1 (every byte its own code
 * point, so bytes 0x80-0x9F round-trip) and ASCII replaces bytes above 0x7F, where WHATWG's TextDecoder would
 * read both as windows-1252.
 */
export function decodeText(bytes: Uint8Array, encoding: string): string {
  const codec = pythonCodec(encoding)
  if (codec) return decodeBytewise(bytes, codec)
  let decoder = decoders.get(encoding)
  if (!decoder) {
    decoder = whatwgDecoder(encoding)
    if (decoders.size < 64) decoders.set(encoding, decoder)
  }
  return decoder.decode(bytes)
}

/** What {@link createDecoder} returns: `TextDecoder`'s `decode`, chunk by chunk. */
export interface ChunkDecoder {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string
}

/** A decoder for a stream of chunks with the same codec choices as {@link decodeText}. */
export function createDecoder(encoding: string): ChunkDecoder {
  const codec = pythonCodec(encoding)
  // Latin-1 and ASCII map one byte to one character: no state across chunks.
  if (codec) return { decode: (input) => (input ? decodeBytewise(input, codec) : '') }
  return whatwgDecoder(encoding)
}

function whatwgDecoder(encoding: string): TextDecoder {
  try {
    return new TextDecoder(encoding)
  } catch {
    return new TextDecoder('utf-8')
  }
}

function decodeBytewise(bytes: Uint8Array, codec: 'latin-1' | 'ascii'): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
  return codec === 'ascii' && !isAscii(bytes) ? latin1.replace(/[\x80-\xff]/g, '\ufffd') : latin1
}

// Python's aliases (encodings/aliases.py) for the two codecs WHATWG folds into windows-1252, normalised the
// way Python normalises a codec name (lower case, '-' and ' ' as '_').
const LATIN_1 = new Set([
  'latin_1',
  'latin1',
  'latin',
  'l1',
  'iso_8859_1',
  'iso8859_1',
  'iso88591',
  '8859',
  'cp819',
  'ibm819',
  'iso_ir_100',
  'csisolatin1',
  'iso_8859_1:1987',
])
const ASCII = new Set([
  'ascii',
  'us_ascii',
  'us',
  '646',
  'ansi_x3.4_1968',
  'ansi_x3_4_1968',
  'ansi_x3.4_1986',
  'cp367',
  'csascii',
  'ibm367',
  'iso646_us',
  'iso_646.irv:1991',
  'iso_ir_6',
])

function pythonCodec(label: string): 'latin-1' | 'ascii' | undefined {
  const name = label.trim().toLowerCase().replace(/[-\s]/g, '_')
  return LATIN_1.has(name) ? 'latin-1' : ASCII.has(name) ? 'ascii' : undefined
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
export type Link = {
  /** The target URL, without its angle brackets. */
  url: string
} & Record<string, string>

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
