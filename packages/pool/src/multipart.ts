import { randomBytes } from 'node:crypto'
import { extname } from 'node:path'

/**
 * A file part: `[filename, data]` or `[filename, data, contentType]`, like urllib3's field tuples.
 *
 * @example
 * ```ts
 * const file: PoolFileTuple = ['report.csv', 'a,b\n1,2\n', 'text/csv']
 * ```
 */
export type PoolFileTuple = readonly [filename: string, data: string | Uint8Array, contentType?: string]
/**
 * A form field value: text, bytes, or a file.
 *
 * @example
 * ```ts
 * const fields: Fields = { name: 'x', count: 3, file: ['a.txt', 'hello'] }
 * ```
 */
export type FieldValue = string | number | boolean | Uint8Array | PoolFileTuple
/**
 * Form fields: an object or ordered `[name, value]` pairs (repeat a name to send it twice).
 *
 * @example
 * ```ts
 * await pm.request('POST', url, { fields: [['tag', 'a'], ['tag', 'b']] })
 * ```
 */
export type Fields = Record<string, FieldValue> | ReadonlyArray<readonly [string, FieldValue]>

const MIME: Record<string, string> = {
  '.txt': 'text/plain',
  '.html': 'text/html',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.csv': 'text/csv',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
}

/**
 * Guesses a content type from a file name (urllib3's `guess_content_type`).
 *
 * @example
 * ```ts
 * guessContentType('photo.png') // 'image/png'
 * ```
 */
export function guessContentType(filename: string, fallback = 'application/octet-stream'): string {
  return MIME[extname(filename).toLowerCase()] ?? fallback
}

/** Iterates fields in order, whichever shape they were given in. */
export function iterFields(fields: Fields): ReadonlyArray<readonly [string, FieldValue]> {
  return Array.isArray(fields) ? fields : Object.entries(fields as Record<string, FieldValue>)
}

// HTML5 form encoding of parameter values (urllib3's format_multipart_header_param): quotes, backslashes and
// controls are percent-escaped so a field name cannot break out of its header.
function quoteParam(value: string): string {
  return value.replace(/[\x00-\x1f"\\]/g, (c) =>
    c === '\\' ? '\\\\' : `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  )
}

const encoder = new TextEncoder()

function toBytes(value: string | Uint8Array | number | boolean): Uint8Array {
  return value instanceof Uint8Array ? value : encoder.encode(String(value))
}

/**
 * Encodes fields as `multipart/form-data`, like urllib3's `encode_multipart_formdata`. File parts get a
 * `filename` and a content type (given, or guessed from the file name).
 *
 * @example
 * ```ts
 * const { body, contentType } = encodeMultipartFormData({
 *   name: 'report',
 *   file: ['report.csv', 'a,b\n1,2\n', 'text/csv'],
 * })
 * await pm.request('POST', url, { body, headers: { 'Content-Type': contentType } })
 * ```
 */
export function encodeMultipartFormData(
  fields: Fields,
  boundary: string = randomBytes(16).toString('hex'),
): {
  /** The encoded `multipart/form-data` body. */
  body: Uint8Array
  /** `multipart/form-data; boundary=…`, for the `Content-Type` header. */
  contentType: string
} {
  if (!/^[0-9A-Za-z'()+_,\-./:=?]{1,70}$/.test(boundary)) throw new TypeError('Invalid multipart boundary')
  const parts: Uint8Array[] = []
  for (const [name, value] of iterFields(fields)) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoteParam(name)}"`
    let data: Uint8Array
    if (Array.isArray(value)) {
      const [filename, content, type] = value as PoolFileTuple
      head += `; filename="${quoteParam(filename)}"\r\nContent-Type: ${type ?? guessContentType(filename)}`
      if (/[\r\n]/.test(type ?? '')) throw new TypeError('Invalid content type in multipart field')
      data = toBytes(content)
    } else {
      data = toBytes(value as string | Uint8Array)
    }
    parts.push(encoder.encode(`${head}\r\n\r\n`), data, encoder.encode('\r\n'))
  }
  parts.push(encoder.encode(`--${boundary}--\r\n`))
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` }
}

/** `application/x-www-form-urlencoded` encoding of fields (files are not allowed here). */
export function urlencodeFields(fields: Fields): string {
  const params = new URLSearchParams()
  for (const [name, value] of iterFields(fields)) {
    if (Array.isArray(value) || value instanceof Uint8Array) {
      throw new TypeError(`Field "${name}" is a file or bytes; use multipart encoding`)
    }
    params.append(name, String(value))
  }
  return params.toString()
}

/** @deprecated Renamed {@link PoolFileTuple}: `@x/requests` exports its own `FileTuple` (requests' 4-tuple with headers). */
export type FileTuple = PoolFileTuple
