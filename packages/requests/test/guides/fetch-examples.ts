// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README

import * as requests from '@x/requests'
import { ConnectionError, Session } from '@x/requests'

export async function example1(): Promise<void> {

  // const res = await fetch(new URL('/search?q=x', base)); if (!res.ok) throw ...; const data = await res.json()
  const base = 'http://127.0.0.1:8080'
  const res = await requests.get(new URL('/search', base), { params: { q: 'x' } })
  res.raiseForStatus()
  const data = res.json<{ results: string[] }>()

  // fetch(url, { method: 'POST', body: form })
  const form = new FormData()
  form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt')
  await using s = new Session({ headers: new Headers({ 'X-Client': 'app' }) })
  const upload = await s.post(`${base}/upload`, { data: form, timeout: { total: 10_000 } })

  try {
    await s.get('http://127.0.0.1:1/')
  } catch (error) {
    if (!(error instanceof ConnectionError)) throw error
    console.log(error.code, error.cause)
  }
  console.log(data.results, String(upload))
}
