import type { IncomingMessage } from 'node:http'

const EMPTY = Buffer.alloc(0)
/** Request bodies above this are refused: the echo keeps them in memory. */
export const MAX_BODY = 64 * 1024 * 1024

/** Reads the whole request body. Requests without framing headers resolve at once with an empty buffer. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve(EMPTY)
  }
  if (req.headers['content-length'] === '0') return Promise.resolve(EMPTY)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY) {
        req.destroy(new Error('request body too large'))
        return
      }
      chunks.push(chunk)
    })
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    req.on('error', reject)
  })
}
