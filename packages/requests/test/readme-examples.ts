// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README
import type { Session as Session_ } from '@x/requests'

// Names the README's snippets share.
declare const s: Session_
declare const url: string
declare const token: string
import * as requests from '@x/requests'
import { createReadStream } from 'node:fs'
import { startHttpbin } from '@x/testserver'

export async function example1(): Promise<void> {

  const server = await startHttpbin()
  const r = await requests.get(`${server.url}/get`, { params: { q: 'node' } })
  console.log(r) // <Response [200]>
  console.log(r.statusCode, r.headers.get('content-type'), r.json())

  const s = new requests.Session({ headers: { 'X-Client': 'demo' }, timeout: 5_000 }) // or `await using s = ...`
  const posted = await s.post(`${server.url}/post`, { json: { hello: 'world' } })
  posted.raiseForStatus() // throws HTTPError for 4xx/5xx
  await s.close()
  await server.close()
}

export async function example2(): Promise<void> {
    const r = await requests.get(`${url}/status/401`, { params: { access_token: token } })
    r.url // 'http://127.0.0.1:8080/status/401?access_token=eyJ...' (the real URL)
    r.raiseForStatus() // HTTPError: 401 Client Error: Unauthorized for url: http://127.0.0.1:8080/status/401?access_token=[REDACTED]
}

export async function example3(): Promise<void> {
  await s.post(url, {
    data: { title: 'report' },
    files: { upload: ['report.csv', createReadStream('report.csv'), 'text/csv', { 'X-Part': '1' }] },
    onUploadProgress: ({ loaded, total }) => console.log(loaded, total),
  })
}
