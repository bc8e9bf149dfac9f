// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README

import * as requests from '@x/requests'
import { HTTPError, Retry, Session, Timeout } from '@x/requests'

export async function example1(): Promise<void> {

  // axios.create({ baseURL, headers, timeout })
  await using api = new Session({
    baseUrl: 'http://127.0.0.1:8080/api/',
    headers: { 'X-Client': 'app' },
    timeout: { connect: 2_000, read: 10_000 },
    adapterOptions: { maxRetries: new Retry({ total: 3, statusForcelist: [502, 503], backoffFactor: 200 }) },
  })

  // const { data } = await api.get('users', { params: { page: 2 } })
  const r = await api.get('users', { params: { page: 2 } })
  r.raiseForStatus() // axios throws by itself; requests leaves it to you
  const users = r.json<Array<{ id: number }>>()

  // await api.post('users', { name: 'Ada' }) (JSON)
  await api.post('users', { json: { name: 'Ada' } })

  try {
    await requests.get('http://127.0.0.1:8080/slow', { timeout: 1_000 })
  } catch (error) {
    if (error instanceof Timeout) console.log('timed out', error.code)
    else if (error instanceof HTTPError) console.log(error.response?.statusCode)
    else throw error
  }
  console.log(users.length)
}
