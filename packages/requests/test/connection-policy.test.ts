import { startRawServer } from '@x/testserver'
import { describe, expect, it } from 'vitest'
import { DEFAULT_POOLSIZE, HTTPAdapter, Session } from '../src/index.js'

const OK = 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok'

/** A server answering each request after `delay` ms, so that `n` concurrent requests are really in flight. */
function slowServer(delay = 10) {
  return startRawServer((socket) => setTimeout(() => socket.write(OK), delay))
}

async function burst(s: Session, url: string, n: number): Promise<void> {
  const texts = await Promise.all(Array.from({ length: n }, () => s.get(url).then((r) => r.text)))
  expect(texts.every((t) => t === 'ok')).toBe(true)
}

describe('a default Session never churns connections (issue 11)', () => {
  for (const c of [1, 10, 50, 200]) {
    it(`concurrency ${c}: at most min(c, ${DEFAULT_POOLSIZE}) connections, all reused by the next rounds`, async () => {
      const raw = await slowServer()
      await using s = new Session()
      await burst(s, raw.url, c)
      const opened = raw.connections
      expect(opened).toBe(Math.min(c, DEFAULT_POOLSIZE))
      await burst(s, raw.url, c)
      await burst(s, raw.url, c)
      expect(raw.connections).toBe(opened)
      expect(raw.requests).toBe(3 * c)
      await raw.close()
    })
  }

  it('a burst fired in the same tick as a response ends opens as many connections as one fired later', async () => {
    const counts: number[] = []
    for (const later of [false, true]) {
      const raw = await slowServer()
      await using s = new Session()
      await s.get(raw.url).then(async (r) => {
        expect(r.text).toBe('ok')
        if (later) await new Promise((resolve) => setTimeout(resolve, 0))
        await burst(s, raw.url, 50)
      })
      counts.push(raw.connections)
      await raw.close()
    }
    expect(counts).toEqual([50, 50])
  })

  it('sequential requests use one connection', async () => {
    const raw = await slowServer(0)
    await using s = new Session()
    for (let i = 0; i < 30; i++) expect((await s.get(raw.url)).text).toBe('ok')
    expect(raw.connections).toBe(1)
    await raw.close()
  })
})

describe('poolMaxsize and poolBlock keep their urllib3 meaning when set', () => {
  it('poolBlock: false opens extra connections beyond poolMaxsize and closes them after use', async () => {
    const raw = await slowServer()
    await using s = new Session()
    s.mount('http://', new HTTPAdapter({ poolMaxsize: 2, poolBlock: false }))
    await burst(s, raw.url, 10)
    expect(raw.connections).toBe(10)
    await new Promise((r) => setTimeout(r, 50))
    expect(raw.sockets.size).toBe(2) // the 8 extra ones were not kept
    await raw.close()
  })

  it('poolMaxsize bounds the connections; the rest wait', async () => {
    const raw = await slowServer()
    await using s = new Session({ adapterOptions: { poolMaxsize: 3 } })
    await burst(s, raw.url, 30)
    expect(raw.connections).toBe(3)
    await raw.close()
  })
})
