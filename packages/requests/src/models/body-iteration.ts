import { createDecoder } from '../util/content.js'

/**
 * Options of `Response.iterLines`.
 *
 * @example
 * ```ts
 * for await (const line of r.iterLines({ decodeUnicode: true })) console.log(line)
 * ```
 */
export interface IterLinesOptions {
  /** Bytes per read (requests' default is 512; here chunks are used as they arrive by default). */
  chunkSize?: number
  /** Yield strings instead of bytes. */
  decodeUnicode?: boolean
  /** Split on this delimiter instead of line endings (`\n`, `\r\n`, `\r`). */
  delimiter?: string
}

const LF = 0x0a
const CR = 0x0d

function splitLines(buf: Buffer): { lines: Buffer[]; rest: Buffer } {
  const lines: Buffer[] = []
  let start = 0
  for (let i = 0; i < buf.length; i++) {
    const b = buf[i]
    if (b !== LF && b !== CR) continue
    if (b === CR && i === buf.length - 1) break // maybe a CRLF split across chunks
    lines.push(buf.subarray(start, i))
    if (b === CR && buf[i + 1] === LF) i++
    start = i + 1
  }
  return { lines, rest: buf.subarray(start) }
}

function splitDelimiter(buf: Buffer, delimiter: Buffer): { lines: Buffer[]; rest: Buffer } {
  const lines: Buffer[] = []
  let start = 0
  for (let i = buf.indexOf(delimiter); i !== -1; i = buf.indexOf(delimiter, start)) {
    lines.push(buf.subarray(start, i))
    start = i + delimiter.length
  }
  return { lines, rest: buf.subarray(start) }
}

/** Split a byte stream into lines, keeping a partial last line across chunks. */
export async function* iterLines(
  chunks: AsyncIterable<Uint8Array>,
  options: IterLinesOptions,
  encoding: string,
): AsyncGenerator<Uint8Array | string> {
  const delimiter = options.delimiter === undefined ? undefined : Buffer.from(options.delimiter)
  const decoder = options.decodeUnicode ? createDecoder(encoding) : undefined
  const out = (b: Buffer): Uint8Array | string => (decoder ? decoder.decode(b) : new Uint8Array(b))
  let pending: Buffer = Buffer.alloc(0)
  for await (const chunk of chunks) {
    const buf: Buffer = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk)
    const { lines, rest } = delimiter ? splitDelimiter(buf, delimiter) : splitLines(buf)
    for (const line of lines) yield out(line)
    pending = Buffer.from(rest)
  }
  if (pending.length) {
    const { lines, rest } = delimiter
      ? { lines: [], rest: pending }
      : splitLines(Buffer.concat([pending, Buffer.from('\n')]))
    for (const line of lines) yield out(line)
    if (delimiter && rest.length) yield out(rest)
  }
}

/** Slices of in-memory content (one chunk when no size is given). */
export async function* slices(content: Uint8Array, size: number | undefined): AsyncGenerator<Uint8Array> {
  if (!size || size >= content.byteLength) {
    if (content.byteLength) yield content
    return
  }
  for (let i = 0; i < content.byteLength; i += size) yield content.subarray(i, i + size)
}

/** Decode a byte stream into strings, keeping multi-byte characters split across chunks intact. */
export async function* decodeStream(
  src: AsyncIterable<Uint8Array>,
  encoding: string,
): AsyncGenerator<string> {
  const decoder = createDecoder(encoding)
  for await (const c of src) {
    const s = decoder.decode(c, { stream: true })
    if (s) yield s
  }
  const tail = decoder.decode()
  if (tail) yield tail
}
