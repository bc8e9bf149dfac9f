import { request } from 'node:http'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { ensureTools, Toxiproxy } from '../src/index.ts'

// The harness's own guard against toxiproxy's API deadlock (Shopify/toxiproxy#558): a server that stops
// answering is restarted on the same ports with the proxies and toxics asked for, so a scenario never waits on it.

let upstream: import('node:http').Server
let upstreamPort = 0
beforeAll(async () => {
  const { createServer } = await import('node:http')
  upstream = createServer((_req, res) => res.end('upstream'))
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  upstreamPort = (upstream.address() as import('node:net').AddressInfo).port
})
afterAll(async () => {
  await new Promise((resolve) => upstream.close(resolve))
})

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, agent: false }, (res) => {
      let text = ''
      res.on('data', (c: Buffer) => {
        text += c
      })
      res.on('end', () => resolve(text))
    })
      .on('error', reject)
      .end()
  })
}

test('a stuck toxiproxy (SIGSTOP) is restarted with its proxies and toxics', async () => {
  const toxiproxy = await Toxiproxy.start(ensureTools().toxiproxy, { apiTimeoutMs: 500 })
  try {
    const proxy = await toxiproxy.proxy('up', `127.0.0.1:${upstreamPort}`)
    expect(await get(proxy.port)).toBe('upstream')
    const stuck = toxiproxy.pid
    process.kill(stuck as number, 'SIGSTOP')
    // The call times out, the server is replaced, and the toxic asked for is in place on the new one.
    await proxy.add({ type: 'limit_data', attributes: { bytes: 4 } })
    expect(toxiproxy.restarts).toBe(1)
    expect(toxiproxy.pid).not.toBe(stuck)
    const toxics = (await toxiproxy.call('GET', '/proxies/up/toxics')) as Array<{ type: string }>
    expect(toxics.map((t) => t.type)).toEqual(['limit_data'])
    // Back to no toxics: the proxy listens on the same port and forwards again.
    await toxiproxy.reset()
    expect(await get(proxy.port)).toBe('upstream')
    expect(toxiproxy.restarts).toBe(1)
  } finally {
    await toxiproxy.stop()
  }
})
