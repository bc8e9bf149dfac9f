import { brotliCompressSync, deflateSync, gzipSync, zstdCompressSync } from 'node:zlib'
import { type Context, type Route, send } from './context.ts'
import { headersObject, origin } from './request-info.ts'

type Compress = (input: Buffer) => Buffer

function encoded(flag: string, encoding: string, compress: Compress): Route {
  return {
    methods: ['GET'],
    handle(ctx: Context) {
      const json = JSON.stringify(
        { [flag]: true, headers: headersObject(ctx.req), method: ctx.req.method, origin: origin(ctx.req) },
        null,
        2,
      )
      send(ctx.res, 200, compress(Buffer.from(json + '\n')), 'application/json', {
        'Content-Encoding': encoding,
      })
    },
  }
}

/** /gzip /deflate /brotli /zstd: a JSON echo compressed with that Content-Encoding. */
export const encodingRoutes: Record<string, Route> = {
  gzip: encoded('gzipped', 'gzip', (input) => gzipSync(input)),
  deflate: encoded('deflated', 'deflate', (input) => deflateSync(input)),
  brotli: encoded('brotli', 'br', (input) => brotliCompressSync(input)),
  zstd: encoded('zstd', 'zstd', (input) => zstdCompressSync(input)),
}
