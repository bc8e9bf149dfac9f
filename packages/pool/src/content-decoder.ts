import { Transform } from 'node:stream'
import zlib from 'node:zlib'
import { DecodeError } from './errors/decode-error.js'
import { ResponseTooLargeError } from './errors/response-too-large-error.js'

const FACTORIES: Record<string, () => Transform> = {
  gzip: () => zlib.createGunzip(),
  'x-gzip': () => zlib.createGunzip(),
  deflate: () => new DeflateAuto(),
  br: () => zlib.createBrotliDecompress(),
  // RFC 9659 section 3: decoders must limit the window to 8 MiB.
  zstd: () => zlib.createZstdDecompress({ params: { [zlib.constants.ZSTD_d_windowLogMax]: 23 } }),
}

/**
 * urllib3 refuses more than five chained encodings (GHSA-gm62-xv2j-4w53).
 *
 * @example
 * ```ts
 * // 'Content-Encoding: gzip, gzip, gzip, gzip, gzip, gzip' fails with DecodeError
 * MAX_CHAINED_ENCODINGS // 5
 * ```
 */
export const MAX_CHAINED_ENCODINGS = 5

/**
 * The decoders for a `Content-Encoding` value, outermost last, or `undefined` when the body should be passed
 * through (no encoding, `identity`, or an encoding we do not know, as urllib3 does).
 * Throws `DecodeError` for more than {@link MAX_CHAINED_ENCODINGS} encodings.
 */
export function parseContentEncoding(header: string): string[] | undefined {
  const codings = header
    .toLowerCase()
    .split(',')
    .map((c) => c.trim())
    .filter((c) => c !== '' && c !== 'identity')
  if (codings.length === 0) return undefined
  if (codings.length > MAX_CHAINED_ENCODINGS) {
    throw new DecodeError(
      `Too many content encodings in the chain: ${codings.length} > ${MAX_CHAINED_ENCODINGS}`,
    )
  }
  for (const coding of codings) if (FACTORIES[coding] === undefined) return undefined
  return codings.reverse()
}

/** Receives decoded output; returning `false` asks the decoder to pause. */
export interface DecoderSink {
  onDecoded(chunk: Buffer): boolean
  onDecodedEnd(): void
  onDecodeError(error: Error): void
}

/**
 * Streams a body through a chain of zlib decoders. Output is counted against `limit` (decoded bytes), so a
 * compression bomb fails with `ResponseTooLargeError` after at most `limit` bytes plus one zlib chunk. Honors
 * backpressure both ways: `write()` returns false when the input side is full (wait for `onDrain`), and the
 * output side pauses while the sink returns false (until {@link ContentDecoder.resume}).
 */
export class ContentDecoder {
  #streams: Transform[]
  #sink: DecoderSink
  #limit: number
  #decoded = 0
  #written = false
  #failed = false
  #encoding: string

  constructor(codings: string[], limit: number, sink: DecoderSink, onDrain: () => void) {
    this.#encoding = codings.join(', ')
    this.#streams = codings.map((c) => FACTORIES[c]!())
    this.#sink = sink
    this.#limit = limit
    const streams = this.#streams
    for (let i = 0; i < streams.length; i++) {
      const stream = streams[i]!
      stream.on('error', (error: Error) => this.#fail(error))
      const next = streams[i + 1]
      if (next !== undefined) {
        stream.on('data', (chunk: Buffer) => {
          if (!this.#count(chunk.length)) return
          if (!next.write(chunk)) {
            stream.pause()
            next.once('drain', () => stream.resume())
          }
        })
        stream.on('end', () => next.end())
      } else {
        stream.on('data', (chunk: Buffer) => {
          if (!this.#count(chunk.length)) return
          if (!sink.onDecoded(chunk)) stream.pause()
        })
        stream.on('end', () => {
          if (!this.#failed) sink.onDecodedEnd()
        })
      }
    }
    streams[0]!.on('drain', onDrain)
  }

  #count(length: number): boolean {
    if (this.#failed) return false
    this.#decoded += length
    if (this.#decoded > this.#limit) {
      this.#fail(new ResponseTooLargeError(`Decoded response body exceeds the limit of ${this.#limit} bytes`))
      return false
    }
    return true
  }

  #fail(error: Error): void {
    if (this.#failed) return
    this.#failed = true
    for (const stream of this.#streams) stream.destroy()
    const mapped =
      error instanceof ResponseTooLargeError
        ? error
        : new DecodeError(
            `Received response with content-encoding: ${this.#encoding}, but failed to decode it`,
            {
              cause: error,
            },
          )
    this.#sink.onDecodeError(mapped)
  }

  /** Writes raw body bytes; false means "pause the input until onDrain". */
  write(chunk: Buffer): boolean {
    if (this.#failed) return true
    if (chunk.length > 0) this.#written = true
    return this.#streams[0]!.write(chunk)
  }

  end(): void {
    if (this.#failed) return
    if (!this.#written) {
      // An empty body stays empty whatever its Content-Encoding (as urllib3: an empty gzip, br or zstd stream
      // is not a decoding error), where zlib would report "unexpected end of file".
      this.destroy()
      this.#sink.onDecodedEnd()
      return
    }
    this.#streams[0]!.end()
  }

  /** Resumes output after the sink returned false. */
  resume(): void {
    this.#streams[this.#streams.length - 1]!.resume()
  }

  destroy(): void {
    this.#failed = true
    for (const stream of this.#streams) stream.destroy()
  }
}

/**
 * `deflate` in the wild is either zlib-wrapped (RFC 9110) or raw deflate (old IIS); like urllib3's
 * DeflateDecoder, look at the first two bytes and pick zlib or raw inflate.
 */
class DeflateAuto extends Transform {
  #inner: zlib.Inflate | zlib.InflateRaw | undefined

  #start(chunk: Buffer): zlib.Inflate | zlib.InflateRaw {
    const b0 = chunk[0] ?? 0
    const b1 = chunk[1] ?? 0
    const wrapped = (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0
    const inner = wrapped ? zlib.createInflate() : zlib.createInflateRaw()
    inner.on('data', (data: Buffer) => {
      if (!this.push(data)) inner.pause()
    })
    inner.on('error', (error) => this.destroy(error))
    this.#inner = inner
    return inner
  }

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null) => void,
  ): void {
    const inner = this.#inner ?? this.#start(chunk)
    if (inner.write(chunk)) callback()
    else inner.once('drain', () => callback())
  }

  override _read(size: number): void {
    this.#inner?.resume()
    super._read(size)
  }

  override _flush(callback: (error?: Error | null) => void): void {
    const inner = this.#inner
    if (inner === undefined) {
      callback()
      return
    }
    inner.once('end', () => callback())
    inner.end()
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inner?.destroy()
    callback(error)
  }
}
