import { Agent, request } from 'node:http'
import type { Socket } from 'node:net'
import { describe, expect, it } from 'vitest'
import { startHttpbin } from '../src/index.ts'

describe('startHttpbin lifecycle', () => {
  it('listens on 127.0.0.1 with a url without trailing slash', async () => {
    const httpbin = await startHttpbin()
    expect(httpbin.host).toBe('127.0.0.1')
    expect(httpbin.url).toBe(`http://127.0.0.1:${httpbin.port}`)
    expect(httpbin.port).toBeGreaterThan(0)
    await httpbin.close()
  })

  it('can listen on ::1 and brackets the address in the url', async () => {
    const httpbin = await startHttpbin({ host: '::1' })
    expect(httpbin.url).toBe(`http://[::1]:${httpbin.port}`)
    expect((await fetch(`${httpbin.url}/get`)).status).toBe(200)
    await httpbin.close()
  })

  it('refuses a non-loopback host', async () => {
    await expect(startHttpbin({ host: '0.0.0.0' })).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_VALUE' })
  })

  it('close() destroys idle keep-alive connections and stops listening', async () => {
    const httpbin = await startHttpbin()
    const agent = new Agent({ keepAlive: true })
    const socket = await new Promise<Socket>((resolve, reject) => {
      const req = request(`${httpbin.url}/get`, { agent }, (res) => {
        res.resume()
        res.on('end', () => resolve(req.socket!))
      })
      req.on('error', reject).end()
    })
    const socketClosed = new Promise((resolve) => socket.once('close', resolve))
    await httpbin.close()
    await socketClosed
    expect(socket.destroyed).toBe(true)
    await expect(fetch(`${httpbin.url}/get`)).rejects.toThrow()
    agent.destroy()
  })
})
