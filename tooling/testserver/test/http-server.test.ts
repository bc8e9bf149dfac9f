import diagnostics from 'node:diagnostics_channel'
import { Agent, request } from 'node:http'
import type { Socket } from 'node:net'
import { describe, expect, test } from 'vitest'
import { startHttpServer } from '../src/index.ts'
import { published, until } from '../src/vitest.ts'

describe('startHttpServer', () => {
  test("answers with the test's handler on 127.0.0.1, url without trailing slash", async () => {
    await using server = await startHttpServer((req, res) =>
      res.writeHead(418).end(`${req.method} ${req.url}`),
    )
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`)
    const res = await fetch(`${server.url}/brew?x=1`, { method: 'POST' })
    expect(res.status).toBe(418)
    expect(await res.text()).toBe('POST /brew?x=1')
  })

  test('counts connections, not requests; exposes the node:http server', async () => {
    await using server = await startHttpServer((_req, res) => res.end('ok'))
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      for (let i = 0; i < 2; i++) {
        await new Promise<void>((resolve, reject) => {
          request(`${server.url}/`, { agent }, (res) => res.resume().on('end', resolve))
            .on('error', reject)
            .end()
        })
      }
      expect(server.connections).toBe(1)
      expect(server.server.listening).toBe(true)
    } finally {
      agent.destroy()
    }
  })

  test('can listen on ::1; refuses a non-loopback host', async () => {
    await using server = await startHttpServer((_req, res) => res.end('ok'), { host: '::1' })
    expect(server.url).toBe(`http://[::1]:${server.port}`)
    expect(await (await fetch(server.url)).text()).toBe('ok')
    await expect(startHttpServer(() => {}, { host: '0.0.0.0' })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARG_VALUE',
    })
  })

  test('disposal destroys idle keep-alive connections and stops listening', async () => {
    const agent = new Agent({ keepAlive: true })
    let url: string
    let socket: Socket
    {
      await using server = await startHttpServer((_req, res) => res.end('ok'))
      url = server.url
      socket = await new Promise<Socket>((resolve, reject) => {
        const req = request(`${server.url}/`, { agent }, (res) => {
          res.resume()
          res.on('end', () => resolve(req.socket!))
        })
        req.on('error', reject).end()
      })
      expect(socket.destroyed).toBe(false)
    }
    await new Promise((resolve) => (socket.destroyed ? resolve(undefined) : socket.once('close', resolve)))
    expect(socket.destroyed).toBe(true)
    await expect(fetch(url)).rejects.toThrow()
    agent.destroy()
  })
})

describe('until', () => {
  test('resolves once the predicate holds, and throws when it never does', async () => {
    let turns = 0
    await until(() => ++turns === 3)
    expect(turns).toBe(3)
    await expect(until(() => false, 2)).rejects.toThrow('condition never became true')
  })
})

describe('published', () => {
  test('records what the channel publishes until the test ends, then unsubscribes', ({ onTestFinished }) => {
    const channel = diagnostics.channel('x:testserver:test:published')
    // runs after published()'s own cleanup (onTestFinished callbacks run last registered first)
    onTestFinished(() => expect(channel.hasSubscribers).toBe(false))
    channel.publish({ before: true }) // nobody listening yet: not recorded
    const messages = published<{ n: number }>('x:testserver:test:published')
    channel.publish({ n: 1 })
    channel.publish({ n: 2 })
    expect(messages).toEqual([{ n: 1 }, { n: 2 }])
    expect(channel.hasSubscribers).toBe(true)
  })
})
