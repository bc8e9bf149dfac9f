// Generated from README.md by ../../tooling/scripts/readme-examples.ts — do not edit; run
// `UPDATE_README_EXAMPLES=1 pnpm vitest run test/readme.test.ts` after changing the README.
// biome-ignore-all format: generated from the README
// biome-ignore-all lint: generated from the README

import { Retry, Session } from '@x/requests'

export async function example1(): Promise<void> {

  // const client = got.extend({ prefixUrl: 'http://127.0.0.1:8080/', retry: { limit: 2, statusCodes: [503] } })
  await using client = new Session({
    baseUrl: 'http://127.0.0.1:8080/',
    adapterOptions: { maxRetries: new Retry({ total: 2, statusForcelist: [503] }) },
    hooks: {
      response: (r) => {
        console.log(r.statusCode, r.url)
        return r
      },
    },
  })

  // await client.post('items', { form: { name: 'x' } }).json()
  const created = await client.post('items', { data: { name: 'x' } })
  created.raiseForStatus()
  console.log(created.json())

  // for await (const chunk of got.stream(url)) ...
  const download = await client.get('bytes/1024', { stream: true, timeout: { connect: 1_000, read: 5_000 } })
  let size = 0
  for await (const chunk of download) size += chunk.byteLength
  console.log(size, download.history.length)
}
