import { until } from '@x/testserver/vitest'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { startRawServer } from '@x/testserver'
import { expect, test } from 'vitest'
import { PoolManager } from '../src/index.js'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

test('a streamed response dropped unread does not pin its socket: it is aborted when collected', async () => {
  await using server = await startRawServer((socket) => {
    socket.write('HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n')
    socket.write('x'.repeat(200_000)) // more than the 64 KiB window: the socket gets paused
  })
  await using pm = new PoolManager()
  await (async () => {
    const resp = await pm.request('GET', `${server.url}/`, { preloadContent: false })
    expect(resp.status).toBe(200)
  })()
  await until(() => {
    gc()
    return server.sockets.size === 0
  })
  await until(() => pm.stats()[server.url]?.running === 0)
})
