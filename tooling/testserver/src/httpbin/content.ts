import { type Context, type Route, intSegment, notFound, send } from './context.ts'
import { pngImage } from './png.ts'
import { HTML, JSON_1K, SLIDESHOW, UTF8, XML } from './samples.ts'

const SLIDESHOW_JSON = Buffer.from(JSON.stringify(SLIDESHOW, null, 2) + '\n')
const HTML_BUFFER = Buffer.from(HTML)
const XML_BUFFER = Buffer.from(XML)
const UTF8_BUFFER = Buffer.from(UTF8)

function fixed(body: Buffer, contentType: string): Route {
  return {
    methods: ['GET'],
    handle(ctx: Context) {
      if (ctx.segments.length === 1) send(ctx.res, 200, body, contentType)
      else notFound(ctx.res)
    },
  }
}

/** /links/:n/:offset: an HTML page linking to its n siblings. */
function links(ctx: Context): void {
  const n = Math.min(intSegment(ctx.segments[1]), 200)
  const offset = ctx.segments[2] === undefined ? 0 : intSegment(ctx.segments[2])
  if (!(n >= 0) || !(offset >= 0) || ctx.segments.length > 3) {
    notFound(ctx.res)
    return
  }
  const parts: string[] = []
  for (let i = 0; i < n; i++) parts.push(i === offset ? `${i} ` : `<a href='/links/${n}/${i}'>${i}</a> `)
  send(
    ctx.res,
    200,
    `<html><head><title>Links</title></head><body>${parts.join('')}</body></html>`,
    'text/html; charset=utf-8',
  )
}

/** /json /json-1k /html /xml /encoding/utf8 /links/:n/:offset /image/png */
export const contentRoutes: Record<string, Route> = {
  json: fixed(SLIDESHOW_JSON, 'application/json'),
  'json-1k': fixed(JSON_1K, 'application/json'),
  html: fixed(HTML_BUFFER, 'text/html; charset=utf-8'),
  xml: fixed(XML_BUFFER, 'application/xml'),
  encoding: {
    methods: ['GET'],
    handle(ctx) {
      if (ctx.segments[1] === 'utf8' && ctx.segments.length === 2) {
        send(ctx.res, 200, UTF8_BUFFER, 'text/html; charset=utf-8')
      } else notFound(ctx.res)
    },
  },
  links: { methods: ['GET'], handle: links },
  image: {
    methods: ['GET'],
    handle(ctx) {
      if (ctx.segments[1] === 'png' && ctx.segments.length === 2) send(ctx.res, 200, pngImage(), 'image/png')
      else notFound(ctx.res)
    },
  },
}
