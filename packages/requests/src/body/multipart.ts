import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'

/**
 * The content of a file part: text, bytes, a Blob/File, or a stream (read once, never buffered whole).
 *
 * @example
 * ```ts
 * const content: FileContent = createReadStream('photo.jpg')
 * ```
 */
export type FileContent =
  | string
  | Uint8Array
  | Blob
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>

/**
 * requests' tuple form: `[filename, content, contentType?, headers?]`.
 *
 * @example
 * ```ts
 * const part: FileTuple = ['report.csv', csvText, 'text/csv', { 'X-Part': '1' }]
 * ```
 */
export type FileTuple =
  | readonly [filename: string | null, content: FileContent]
  | readonly [filename: string | null, content: FileContent, contentType: string | null]
  | readonly [
      filename: string | null,
      content: FileContent,
      contentType: string | null,
      headers: Readonly<Record<string, string>>,
    ]

/**
 * Object form of a file part.
 *
 * @example
 * ```ts
 * const part: FileSpec = { filename: 'a.txt', content: 'hi', contentType: 'text/plain' }
 * ```
 */
export interface FileSpec {
  /**
   * The `filename` of the part's `Content-Disposition`; `null` or omitted sends none.
   * @see https://www.rfc-editor.org/rfc/rfc7578#section-4.2
   */
  filename?: string | null
  /** The part's data: text, bytes, a `Blob` or a stream. */
  content: FileContent
  /**
   * The part's `Content-Type`; default `application/octet-stream` when there is a filename, none otherwise.
   */
  contentType?: string | null
  /** Extra headers of the part (a `Content-Type` here replaces `contentType`). */
  headers?: Readonly<Record<string, string>>
}

/**
 * A value of the `files` option.
 *
 * @example
 * ```ts
 * const value: FileValue = Buffer.from('bytes')
 * ```
 */
export type FileValue = FileContent | FileTuple | FileSpec

/**
 * The `files` option: `{ field: file }` or pairs (to repeat a field).
 *
 * @example
 * ```ts
 * await s.post(url, { files: { avatar: ['me.png', pngBytes, 'image/png'] } })
 * ```
 */
export type FilesInput = Readonly<Record<string, FileValue>> | Iterable<readonly [string, FileValue]>

interface Part {
  head: Uint8Array
  content: FileContent
}

/** A streamed multipart body: regenerated on demand when every part can be read again. */
export interface MultipartBody {
  contentType: string
  /** Total byte length when every part has a known size. */
  length: number | undefined
  /** A fresh body iterator; calling it twice is only valid when `rewindable`. */
  open(): AsyncIterable<Uint8Array>
  rewindable: boolean
}

const enc = new TextEncoder()
const CRLF = enc.encode('\r\n')

/** HTML5 escaping of a `Content-Disposition` parameter (what browsers and urllib3 2 do). */
function quoteParam(value: string): string {
  return value.replace(/[\r\n"]/g, (ch) => (ch === '"' ? '%22' : ch === '\r' ? '%0D' : '%0A'))
}

function isContent(v: unknown): v is FileContent {
  return (
    typeof v === 'string' ||
    v instanceof Uint8Array ||
    v instanceof Blob ||
    (typeof v === 'object' && v !== null && Symbol.asyncIterator in v)
  )
}

function guessFilename(content: FileContent, field: string): string {
  const named = content as { path?: unknown; name?: unknown }
  if (typeof named.path === 'string') return basename(named.path)
  if (typeof named.name === 'string' && named.name && !named.name.startsWith('<')) return basename(named.name)
  return field
}

function toSpec(field: string, value: FileValue): FileSpec {
  if (isContent(value)) return { filename: guessFilename(value, field), content: value }
  if (Array.isArray(value)) {
    const [filename, content, contentType, headers] = value as readonly [
      string | null,
      FileContent,
      (string | null)?,
      Readonly<Record<string, string>>?,
    ]
    return { filename, content, contentType: contentType ?? null, ...(headers ? { headers } : {}) }
  }
  return value as FileSpec
}

function sizeOf(content: FileContent): number | undefined {
  if (typeof content === 'string') return Buffer.byteLength(content)
  if (content instanceof Uint8Array) return content.byteLength
  if (content instanceof Blob) return content.size
  return undefined
}

/** `{ field: value }` or pairs, as pairs in order. */
export function pairsOf<V>(
  input: Readonly<Record<string, V>> | Iterable<readonly [string, V]>,
): Array<readonly [string, V]> {
  return Symbol.iterator in Object(input)
    ? [...(input as Iterable<readonly [string, V]>)]
    : Object.entries(input)
}

function partHead(boundary: string, name: string, spec: FileSpec | null): Uint8Array {
  let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoteParam(name)}"`
  if (spec) {
    if (spec.filename !== null && spec.filename !== undefined)
      head += `; filename="${quoteParam(spec.filename)}"`
    for (const [k, v] of Object.entries(spec.headers ?? {})) head += `\r\n${k}: ${v.replace(/[\r\n]/g, ' ')}`
    const ct = spec.contentType ?? (spec.filename ? 'application/octet-stream' : null)
    if (ct && !Object.keys(spec.headers ?? {}).some((k) => k.toLowerCase() === 'content-type')) {
      head += `\r\nContent-Type: ${ct}`
    }
  }
  return enc.encode(`${head}\r\n\r\n`)
}

async function* emit(parts: readonly Part[], tail: Uint8Array): AsyncGenerator<Uint8Array> {
  for (const part of parts) {
    yield part.head
    const c = part.content
    if (typeof c === 'string') yield enc.encode(c)
    else if (c instanceof Uint8Array) yield c
    else if (c instanceof Blob) yield* c.stream() as AsyncIterable<Uint8Array>
    else
      for await (const chunk of c as AsyncIterable<Uint8Array | string>)
        yield typeof chunk === 'string' ? enc.encode(chunk) : chunk
    yield CRLF
  }
  yield tail
}

/**
 * Build a streamed `multipart/form-data` body from form `fields` (requests' `data` pairs) and `files`.
 * Streams are read as the body is sent, never buffered whole.
 */
export function encodeMultipart(
  fields: ReadonlyArray<readonly [string, string]>,
  files: FilesInput,
  boundary: string = randomBytes(16).toString('hex'),
): MultipartBody {
  const parts: Part[] = []
  let length: number | undefined = 0
  let rewindable = true
  for (const [name, value] of fields) parts.push({ head: partHead(boundary, name, null), content: value })
  for (const [name, value] of pairsOf(files)) {
    const spec = toSpec(name, value)
    parts.push({ head: partHead(boundary, name, spec), content: spec.content })
  }
  const tail = enc.encode(`--${boundary}--\r\n`)
  for (const p of parts) {
    const n = sizeOf(p.content)
    if (n === undefined) rewindable = false
    length = length === undefined || n === undefined ? undefined : length + p.head.byteLength + n + 2
  }
  if (length !== undefined) length += tail.byteLength
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    rewindable,
    open: () => emit(parts, tail),
  }
}
