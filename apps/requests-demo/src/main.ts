// @x/requests demo: the seed example, then a session with cookies, a redirect history, a JSON post validated
// with zod, and a streamed download with a progress bar. Runs against the local httpbin from @x/testserver
// unless a base URL is given: `node src/main.ts [http://127.0.0.1:8080]`.
import { inspect } from 'node:util'
import * as requests from '@x/requests'
import { startHttpbin } from '@x/testserver'
import { z } from 'zod'

const given = process.argv[2]
const server = given ? undefined : await startHttpbin()
const base = (given ?? server!.url).replace(/\/$/, '')

function bar(loaded: number, total: number | undefined): string {
  const width = 30
  const ratio = total ? Math.min(1, loaded / total) : 0
  const done = Math.round(ratio * width)
  return `[${'#'.repeat(done)}${'.'.repeat(width - done)}] ${String(Math.round(ratio * 100)).padStart(3)}% ${loaded} B`
}

try {
  // 1. The seed: requests.get(url) and its inspect output.
  const r = await requests.get(base)
  console.log(`requests.get(${JSON.stringify(base)})`)
  console.log(inspect(r)) // <Response [200]>

  await using session = new requests.Session({ headers: { 'X-Demo': 'requests-demo' }, timeout: 10_000 })

  // 2. Cookies persist across the session's requests.
  await session.get(`${base}/cookies/set`, { params: { flavour: 'oatmeal', size: 'large' } })
  const cookies = await session.get(`${base}/cookies`)
  console.log('session cookies:', session.cookies.getDict(), '-> server saw', cookies.json())

  // 3. Redirects are followed and recorded.
  const redirected = await session.get(`${base}/redirect/3`)
  console.log(
    'redirect history:',
    redirected.history.map((h) => `${h.statusCode} ${new URL(h.url).pathname}`).join(' -> '),
    `-> ${redirected.statusCode} ${new URL(redirected.url).pathname}`,
  )

  // 4. A JSON post, the echo validated with a zod schema (typed result).
  const Echo = z.object({ json: z.object({ name: z.string(), tags: z.array(z.string()) }), url: z.string() })
  const posted = await session.post(`${base}/post`, { json: { name: 'demo', tags: ['a', 'b'] } })
  const echo = posted.json(Echo)
  console.log(`posted JSON echoed back: name=${echo.json.name} tags=${echo.json.tags.join(',')}`)

  // 5. A streamed download with a progress bar.
  const size = 256 * 1024
  const download = await session.get(`${base}/stream-bytes/${size}`, {
    stream: true,
    params: { chunk_size: 8192, seed: 7 },
  })
  let received = 0
  const total = Number(download.headers.get('content-length')) || size
  const tty = process.stdout.isTTY === true
  let shown = -1
  for await (const chunk of download.iterContent({ chunkSize: 16 * 1024 })) {
    received += chunk.byteLength
    const quarter = Math.floor((received / total) * 4)
    if (tty) process.stdout.write(`\rdownloading ${bar(received, total)}`)
    else if (quarter !== shown) {
      shown = quarter
      console.log(`downloading ${bar(received, total)}`)
    }
  }
  if (tty) process.stdout.write('\n')
  console.log(`downloaded ${received} bytes`)
} finally {
  await server?.close()
}
