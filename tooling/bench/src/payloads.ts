/**
 * Response and request bodies shared by the server and the clients, so each client can check that it read
 * (and decoded) exactly what the server sent without asking the server.
 */
import { gzipSync } from 'node:zlib'

/** A JSON document padded to exactly `size` bytes. */
export function jsonOfSize(size: number, seed = 'bench'): Buffer {
  const items: Array<{ id: number; name: string; ok: boolean }> = []
  let text = ''
  for (let i = 0; ; i++) {
    items.push({ id: i, name: `${seed}-${i}`, ok: i % 2 === 0 })
    const next = JSON.stringify({ items, pad: '' })
    if (next.length > size - 16) break
    text = next
  }
  const doc = JSON.parse(text) as { items: unknown[]; pad: string }
  doc.pad = 'x'.repeat(size - text.length)
  const out = Buffer.from(JSON.stringify(doc))
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
