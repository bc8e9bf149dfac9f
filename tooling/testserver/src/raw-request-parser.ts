import type { RawRequest } from './types.ts'

const HEAD_END = Buffer.from('\r\n\r\n')
/** A head larger than this is not a request a test means to send: the socket is dropped. */
export const MAX_HEAD = 1024 * 1024

function parseHead(rawHead: string): Omit<RawRequest, 'body' | 'rawHead'> {
  const lines = rawHead.split('\r\n')
  const [method = '', path = ''] = (lines[0] ?? '').split(' ')
  const headers: Record<string, string> = {}
  for (const line of lines.slice(1)) {
    const index = line.indexOf(':')
    if (index === -1) continue
    const name = line.slice(0, index).trim().toLowerCase()
    const value = line.slice(index + 1).trim()
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`
  }
  return { method, path, headers }
}

/** Decodes a complete chunked body at the start of `data`; undefined while more bytes are needed. */
function chunkedBody(data: Buffer): { body: Buffer; used: number } | undefined {
  const parts: Buffer[] = []
  let offset = 0
  for (;;) {
    const lineEnd = data.indexOf('\r\n', offset)
    if (lineEnd === -1) return undefined
    const size = Number.parseInt(data.subarray(offset, lineEnd).toString('latin1').split(';')[0]!, 16)
    if (Number.isNaN(size)) throw new Error('bad chunk size')
    offset = lineEnd + 2
    if (size === 0) {
      // trailers end with an empty line
      const end = data.indexOf('\r\n', offset)
      if (end === -1) return undefined
      if (end === offset) return { body: Buffer.concat(parts), used: end + 2 }
      const trailersEnd = data.indexOf(HEAD_END, offset)
      if (trailersEnd === -1) return undefined
      return { body: Buffer.concat(parts), used: trailersEnd + 4 }
    }
    if (data.length < offset + size + 2) return undefined
    parts.push(data.subarray(offset, offset + size))
    offset += size + 2
  }
}

/**
 * Parses as many complete requests (head and Content-Length / chunked body) as `buffer` holds.
 * Returns them with the bytes left over, which belong to a request not yet complete.
 */
export function parseRequests(buffer: Buffer): { requests: RawRequest[]; rest: Buffer } {
  const requests: RawRequest[] = []
  let data = buffer
  for (;;) {
    const headEnd = data.indexOf(HEAD_END)
    if (headEnd === -1) {
      if (data.length > MAX_HEAD) throw new Error('request head too large')
      break
    }
    const rawHead = data.subarray(0, headEnd).toString('latin1')
    const head = parseHead(rawHead)
    const afterHead = data.subarray(headEnd + 4)
    let body: Buffer
    let used: number
    if (/\bchunked\b/i.test(head.headers['transfer-encoding'] ?? '')) {
      const chunked = chunkedBody(afterHead)
      if (chunked === undefined) break
      body = Buffer.from(chunked.body)
      used = chunked.used
    } else {
      const length = Number(head.headers['content-length'] ?? 0) || 0
      if (afterHead.length < length) break
      body = Buffer.from(afterHead.subarray(0, length))
      used = length
    }
    requests.push({ ...head, rawHead, body })
    data = afterHead.subarray(used)
  }
  return { requests, rest: data }
}
