import { addValue } from './context.ts'
import { bodyText } from './request-info.ts'

export interface MultipartResult {
  form: Record<string, string | string[]>
  files: Record<string, string | string[]>
}

/** The boundary parameter of a multipart/form-data Content-Type, or undefined. */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
  return match?.[1] ?? match?.[2]
}

/** Splits a multipart/form-data body into fields (no filename) and files (text, or a data: URL when binary). */
export function parseMultipart(body: Buffer, boundary: string): MultipartResult {
  const result: MultipartResult = { form: {}, files: {} }
  const delimiter = Buffer.from(`--${boundary}`)
  let start = body.indexOf(delimiter)
  while (start !== -1) {
    let partStart = start + delimiter.length
    if (body[partStart] === 0x2d && body[partStart + 1] === 0x2d) break // closing delimiter "--"
    if (body[partStart] === 0x0d) partStart += 2
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), partStart)
    if (next === -1) break
    addPart(result, body.subarray(partStart, next))
    start = next + 2
  }
  return result
}

function addPart(result: MultipartResult, part: Buffer): void {
  const headEnd = part.indexOf('\r\n\r\n')
  if (headEnd === -1) return
  const head = part.subarray(0, headEnd).toString('latin1')
  const content = part.subarray(headEnd + 4)
  const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? ''
  const name = dispositionParam(disposition, 'name')
  if (name === undefined) return
  const filename = dispositionParam(disposition, 'filename')
  if (filename === undefined) addValue(result.form, name, content.toString('utf8'))
  else {
    const type = /^content-type:\s*(.*)$/im.exec(head)?.[1]?.trim() ?? 'application/octet-stream'
    addValue(result.files, name, bodyText(content, type))
  }
}

function dispositionParam(disposition: string, param: string): string | undefined {
  const match = new RegExp(`;\\s*${param}="((?:[^"\\\\]|\\\\.)*)"|;\\s*${param}=([^;\\s]+)`, 'i').exec(
    disposition,
  )
  if (match === null) return undefined
  const value = match[1] ?? match[2] ?? ''
  return Buffer.from(value.replace(/\\(.)/g, '$1'), 'latin1').toString('utf8')
}
