import { statSync } from 'node:fs'
import { InvalidJSONError } from '../errors/invalid-json-error.js'
import { encodeParams, type ParamsInput, paramPairs } from '../util/url.js'
import { encodeMultipart, type FilesInput, type FileValue, pairsOf } from './multipart.js'

/**
 * A request body as sent: text, bytes, or a stream of bytes.
 *
 * @example
 * ```ts
 * const p = await new Request('POST', url, { data: 'x' }).prepare()
 * p.body // 'x'
 * ```
 */
export type Body = string | Uint8Array | AsyncIterable<Uint8Array> | null | undefined

/**
 * The `data` option: form fields (object, pairs or `URLSearchParams`), text, bytes, a Blob, a `FormData` (sent
 * as `multipart/form-data`, its files as file parts), or a stream (async iterable or web `ReadableStream`).
 *
 * @example
 * ```ts
 * await s.post(url, { data: { a: '1', b: ['2', '3'] } })
 * ```
 */
export type DataInput =
  | string
  | Uint8Array
  | ArrayBuffer
  | Blob
  | FormData
  | URLSearchParams
  | ReadableStream<Uint8Array>
  | AsyncIterable<Uint8Array | string>
  | Exclude<ParamsInput, string>
  | null
  | undefined

/** What {@link buildBody} produced. */
export interface BuiltBody {
  body: Body
  contentType: string | undefined
  /** Byte length when known. */
  length: number | undefined
  /** Regenerates the body (multipart of in-memory parts, Blobs); absent for one-shot streams. */
  rewind: (() => AsyncIterable<Uint8Array>) | undefined
  /** A one-shot stream. */
  stream: boolean
}

function isAsyncIterable(v: unknown): v is AsyncIterable<Uint8Array | string> {
  return typeof v === 'object' && v !== null && Symbol.asyncIterator in v
}

/** requests' `super_len` for streams: a file stream's remaining size, else unknown. */
function streamLength(v: object): number | undefined {
  const s = v as { path?: unknown; start?: unknown; end?: unknown; bytesRead?: unknown }
  if (typeof s.path !== 'string' || (s.end !== undefined && s.end !== Number.POSITIVE_INFINITY))
    return undefined
  try {
    const size = statSync(s.path).size - (typeof s.start === 'number' ? s.start : 0)
    return Math.max(0, size - (typeof s.bytesRead === 'number' ? s.bytesRead : 0))
  } catch {
    return undefined
  }
}

async function* textChunks(src: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array> {
  for await (const c of src) yield typeof c === 'string' ? Buffer.from(c) : c
}

/**
 * A `FormData` is what a browser sends as `multipart/form-data`: its string entries become fields, its
 * Blob/File entries file parts (name and type kept), and `files` is added after them. Sending it form-encoded
 * would turn each file into "[object File]" (issue 14).
 */
function formDataBody(form: FormData, files: FilesInput | null | undefined): BuiltBody {
  const fields: Array<[string, string]> = []
  const parts: Array<readonly [string, FileValue]> = []
  for (const [name, value] of form) {
    if (typeof value === 'string') fields.push([name, value])
    else parts.push([name, { filename: value.name, content: value, contentType: value.type || null }])
  }
  if (files) parts.push(...pairsOf(files))
  const mp = encodeMultipart(fields, parts)
  const rewind = mp.rewindable ? mp.open : undefined
  return { body: mp.open(), contentType: mp.contentType, length: mp.length, rewind, stream: !mp.rewindable }
}

function none(): BuiltBody {
  return { body: null, contentType: undefined, length: undefined, rewind: undefined, stream: false }
}

function jsonBody(json: unknown): BuiltBody {
  let text: string | undefined
  try {
    text = JSON.stringify(json)
  } catch (cause) {
    throw new InvalidJSONError(`The json option cannot be serialized: ${(cause as Error).message}`, { cause })
  }
  if (text === undefined) throw new InvalidJSONError('The json option cannot be serialized (undefined)')
  return { ...none(), body: text, contentType: 'application/json', length: Buffer.byteLength(text) }
}

/**
 * requests' `prepare_body`: `files` (multipart, streamed), a stream, bytes/text, form fields, or `json`
 * (used only when `data` is empty, as requests does).
 */
export function buildBody(data: DataInput, files: FilesInput | null | undefined, json: unknown): BuiltBody {
  if (data instanceof FormData) return formDataBody(data, files)
  if (isAsyncIterable(data)) {
    if (files) throw new TypeError('Streamed bodies and files are mutually exclusive.')
    return { ...none(), body: textChunks(data), length: streamLength(data), stream: true }
  }
  if (data instanceof Blob) {
    const blob = data
    const open = () => blob.stream() as unknown as AsyncIterable<Uint8Array>
    return { ...none(), body: open(), length: blob.size, rewind: open, contentType: blob.type || undefined }
  }
  if (files) {
    if (typeof data === 'string' || data instanceof Uint8Array || data instanceof ArrayBuffer) {
      throw new TypeError('Data must not be a string or bytes when files are given.')
    }
    const fields = data ? paramPairs(data) : []
    const mp = encodeMultipart(fields, files)
    const rewind = mp.rewindable ? mp.open : undefined
    return { body: mp.open(), contentType: mp.contentType, length: mp.length, rewind, stream: !mp.rewindable }
  }
  if (typeof data === 'string') return { ...none(), body: data, length: Buffer.byteLength(data) }
  if (data instanceof Uint8Array) return { ...none(), body: data, length: data.byteLength }
  if (data instanceof ArrayBuffer) return { ...none(), body: new Uint8Array(data), length: data.byteLength }
  if (data) {
    const form = encodeParams(data)
    if (form) {
      return { ...none(), body: form, contentType: 'application/x-www-form-urlencoded', length: form.length }
    }
  }
  if (json !== undefined && json !== null) return jsonBody(json)
  return none()
}
