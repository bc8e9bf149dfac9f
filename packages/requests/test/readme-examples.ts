// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README
import { pngBytes, s, token, url } from './readme-names.ts'
import * as requests from '@x/requests'
import assert from 'node:assert/strict'
import { createReadStream } from 'node:fs'
import { HTTPAdapter, Retry, Session } from '@x/requests'
import { Responses, UnregisteredCallError } from '@x/requests/testing'

export async function example1(): Promise<void> {

  // any httpbin; `node tooling/testserver/src/cli.ts` prints the URL of a local one (CI sets HTTPBIN_URL)
  const httpbin = process.env.HTTPBIN_URL ?? 'http://127.0.0.1:8080'
  const r = await requests.get(`${httpbin}/get`, { params: { q: 'node' } })
  console.log(r) // <Response [200]>
  console.log(r.statusCode, r.headers.get('content-type'), r.json())

  const s = new requests.Session({ headers: { 'X-Client': 'demo' }, timeout: 5_000 }) // or `await using s = ...`
  const posted = await s.post(`${httpbin}/post`, { json: { hello: 'world' } })
  posted.raiseForStatus() // throws HTTPError for 4xx/5xx
  await s.close()
}

export async function example2(): Promise<void> {
    const r = await requests.get(`${url}/status/401`, { params: { access_token: token } })
    r.url // 'http://127.0.0.1:8080/status/401?access_token=eyJ...' (the real URL)
    r.raiseForStatus() // HTTPError: 401 Client Error: Unauthorized for url: http://127.0.0.1:8080/status/401?access_token=[REDACTED]
}

export async function example3(): Promise<void> {

  // every request of the session: 3 retries on connection errors and on 502/503/504, exponential backoff
  const api = new Session({
    adapterOptions: { maxRetries: new Retry({ total: 3, statusForcelist: [502, 503, 504], backoffFactor: 250 }) },
  })
  // or only for one service (the longest mounted prefix wins)
  api.mount('http://127.0.0.1:9000/', new HTTPAdapter({ maxRetries: 5 }))
}

export async function example4(): Promise<void> {
  await s.post(url, {
    data: { title: 'report' },
    files: { upload: ['report.csv', createReadStream('report.csv'), 'text/csv', { 'X-Part': '1' }] },
    onUploadProgress: ({ loaded, total }) => console.log(loaded, total),
  })
}

export async function example5(): Promise<void> {
  const form = new FormData()
  form.append('title', 'holiday')
  form.append('photo', new File([pngBytes], 'photo.png', { type: 'image/png' }))
  const r = await s.post(new URL('/upload', url), { data: form }) // multipart, the file's bytes in its part
  console.log(String(r)) // <Response [200]>, as Python prints it
  for await (const chunk of r) console.log(chunk.byteLength) // a response iterates its body, like iterContent()
}

export async function example6(): Promise<void> {

  // the code under test
  async function userName(session: Session, id: number): Promise<string> {
    const r = await session.get(`http://api.test/users/${id}`)
    r.raiseForStatus()
    return (r.json() as { name: string }).name
  }

  await using mock = new Responses()
  mock.add('GET', 'http://api.test/users/1', { status: 301, headers: { location: '/v2/users/1' } })
  mock.add('GET', 'http://api.test/v2/users/1', { json: { id: 1, name: 'Ada' } })
  await using session = new Session({ dispatcher: mock.dispatcher })

  assert.equal(await userName(session, 1), 'Ada') // the redirect was followed by @x/requests
  assert.equal(mock.calls.length, 2)
  await assert.rejects(userName(session, 2), UnregisteredCallError)
  mock.assertAllCalled()
}
