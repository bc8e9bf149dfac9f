import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import { describe, expect, test } from 'vitest'
import { startSilentServer, startSocketServer } from '../src/index.ts'
import { disposed, until } from '../src/vitest.ts'

/** Connects, writes `bytes`, and resolves with what the server sent once the connection ends (or the error). */
function connectAndWrite(port: number, bytes: string) {
  const socket = connect({ host: '127.0.0.1', port })
  let received = ''
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')))
  socket.write(bytes)
  const ended = new Promise<{ received: string; error?: NodeJS.ErrnoException }>((resolve) => {
    socket.on('error', (error) => resolve({ received, error }))
    socket.on('close', () => resolve({ received }))
  })
  return { socket, ended }
}

describe('startSocketServer', () => {
  test('hands each accepted socket to onSocket and counts it; a reset reaches the client', async () => {
    const accepted: Socket[] = []
    await using server = await startSocketServer((socket) => {
      accepted.push(socket)
      socket.resetAndDestroy()
    })
    const { ended } = connectAndWrite(server.port, 'GET / HTTP/1.1\r\n\r\n')
    const { received, error } = await ended
    expect(received).toBe('')
    expect(error?.code).toBe('ECONNRESET')
    expect(accepted).toHaveLength(1)
    expect(server.connections).toBe(1)
    await until(() => server.sockets.size === 0)
  })
})

describe('startSilentServer', () => {
  test('reads and never answers; close() destroys the open connections', async () => {
    const server = await startSilentServer()
    const { socket, ended } = connectAndWrite(server.port, 'GET / HTTP/1.1\r\nHost: x\r\n\r\n')
    await until(() => server.sockets.size === 1)
    expect(server.connections).toBe(1)
    expect(socket.destroyed).toBe(false)
    await server.close()
    expect(await ended).toMatchObject({ received: '' })
    expect(server.sockets.size).toBe(0)
    const refused = connect({ host: '127.0.0.1', port: server.port })
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException]
    expect(error.code).toBe('ECONNREFUSED')
  })
})

describe('disposed(start)', () => {
  test('starts the server for the fixture and registers its disposal as the cleanup', async () => {
    const cleanups: Array<() => PromiseLike<void>> = []
    const server = await disposed(startSilentServer)({}, { onCleanup: (cleanup) => cleanups.push(cleanup) })
    expect(cleanups).toHaveLength(1)
    const { ended } = connectAndWrite(server.port, 'x')
    await until(() => server.sockets.size === 1)
    await cleanups[0]!()
    expect(await ended).toMatchObject({ received: '' })
    const refused = connect({ host: '127.0.0.1', port: server.port })
    const [error] = (await once(refused, 'error')) as [NodeJS.ErrnoException]
    expect(error.code).toBe('ECONNREFUSED')
  })
})
