/**
 * Response and request bodies shared by the server and the clients, so each client can check that it read
 * (and decoded) exactly what the server sent without asking the server.
 */
import { gzipSync } from 'node:zlib'

/** A JSON document padded to exactly `size` bytes. */
export function jsonOfSize(size: number, seed = 'bench'): Buffer {
  const items: Array<{ id: number; name: string; ok: boolean }> = []
  // '{"items":[],"pad":""}' plus each item and its comma, counted instead of re-serialized.
  let length = '{"items":[],"pad":""}'.length
  for (let i = 0; ; i++) {
    const item = { id: i, name: `${seed}-${i}`, ok: i % 2 === 0 }
    const added = JSON.stringify(item).length + (i > 0 ? 1 : 0)
    if (length + added > size - 16) break
    items.push(item)
    length += added
  }
  const out = Buffer.from(JSON.stringify({ items, pad: 'x'.repeat(size - length) }))
  if (out.length !== size) throw new Error(`jsonOfSize(${size}) produced ${out.length} bytes`)
  return out
}

export const JSON_1K: Buffer = jsonOfSize(1024)
/** The decoded body behind /gzip-json: 32 KiB of JSON, compressible like typical API answers. */
export const GZIP_PLAIN: Buffer = jsonOfSize(32 * 1024, 'gzip')
export const GZIP_BODY: Buffer = gzipSync(GZIP_PLAIN)
/** The POST body: 64 KiB of JSON sent as a string (what `JSON.stringify` hands to a client). */
export const POST_64K: string = jsonOfSize(64 * 1024, 'post').toString()
export const TOKEN_BODY: Buffer = Buffer.from(
  JSON.stringify({ access_token: 'bench-access-token', token_type: 'Bearer', expires_in: 3600 }),
)
export const DELAY_BODY_SIZE = 64 * 1024
export const STREAM_CHUNK_SIZE = 64 * 1024
