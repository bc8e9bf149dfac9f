import { startHttpServer, type RunningHttpServer } from '@x/testserver'
import { serverTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { type HTTPResponse, PoolManager } from '../src/index.js'

const test = serverTest(() =>
  startHttpServer((req, res) => res.end(req.url === '/big' ? 'x'.repeat(300_000) : 'ok')),
)

/** 20 sequential requests for `path`, each body consumed by `consume` (which returns its size), over one socket. */
async function expectOneSocket(
  http: RunningHttpServer,
  path: string,
  consume: (resp: HTTPResponse) => Promise<number>,
): Promise<void> {
  const before = http.connections
  await using pm = new PoolManager()
  for (let i = 0; i < 20; i++) {
    const resp = await pm.request('GET', `${http.url}${path}`, { preloadContent: false })
    expect(await consume(resp)).toBe(path === '/big' ? 300_000 : 2)
  }
  expect(http.connections - before).toBe(1)
}

// undici hands a finished keep-alive socket back one event-loop turn after the response ended; a request sent
// in between must wait for it rather than open a second socket.
describe('sequential requests reuse one socket once the body is consumed', () => {
  test.for(['/small', '/big'])(
    'preloadContent: false, read() to the end (%s)',
    async (path, { server: http }) => {
      await expectOneSocket(http, path, async (resp) => (await resp.read()).length)
    },
  )

  test.for(['/small', '/big'])(
    'preloadContent: false, stream() iterated to the end (%s)',
    async (path, { server: http }) => {
      await expectOneSocket(http, path, async (resp) => {
        let size = 0
        for await (const chunk of resp.stream()) size += chunk.length
        return size
      })
    },
  )

  test('preloaded responses', async ({ server: http }) => {
    const before = http.connections
    await using pm = new PoolManager()
    for (let i = 0; i < 20; i++) expect((await pm.request('GET', `${http.url}/small`)).text()).toBe('ok')
    expect(http.connections - before).toBe(1)
  })

  test('block: false does not open extra sockets for sequential requests either', async ({
    server: http,
  }) => {
    const before = http.connections
    await using pm = new PoolManager({ maxSize: 1, block: false })
    for (let i = 0; i < 20; i++) {
      const resp = await pm.request('GET', `${http.url}/small`, { preloadContent: false })
      await resp.read()
    }
    expect(http.connections - before).toBe(1)
  })
})
