import { connect, createServer, type Socket } from 'node:net'

/** A minimal SOCKS5 server (RFC 1928 CONNECT, RFC 1929 user/password) that only reaches loopback targets. */
export async function startSocks5(auth?: { username: string; password: string }) {
  const stats = { connects: 0, authFailures: 0 }
  const sockets = new Set<Socket>()
  const server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => {})
    let stage = 'greeting'
    let buffer = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk])
      if (stage === 'greeting' && buffer.length >= 2 && buffer.length >= 2 + buffer[1]!) {
        const methods = [...buffer.subarray(2, 2 + buffer[1]!)]
        buffer = buffer.subarray(2 + buffer[1]!)
        const method = auth ? 0x02 : 0x00
        if (!methods.includes(method)) return void client.end(Buffer.from([5, 0xff]))
        client.write(Buffer.from([5, method]))
        stage = auth ? 'auth' : 'request'
      }
      if (stage === 'auth' && buffer.length >= 2) {
        const ulen = buffer[1]!
        if (buffer.length < 3 + ulen) return
        const plen = buffer[2 + ulen]!
        if (buffer.length < 3 + ulen + plen) return
        const username = buffer.subarray(2, 2 + ulen).toString()
        const password = buffer.subarray(3 + ulen, 3 + ulen + plen).toString()
        buffer = buffer.subarray(3 + ulen + plen)
        const ok = username === auth!.username && password === auth!.password
        if (!ok) stats.authFailures++
        client.write(Buffer.from([1, ok ? 0 : 1]))
        if (!ok) return void client.end()
        stage = 'request'
      }
      if (stage === 'request' && buffer.length >= 5) {
        const type = buffer[3]
        let host: string
        let end: number
        if (type === 1) {
          host = [...buffer.subarray(4, 8)].join('.')
          end = 8
        } else if (type === 3) {
          end = 5 + buffer[4]!
          host = buffer.subarray(5, end).toString()
        } else return void client.end(Buffer.from([5, 8, 0, 1, 0, 0, 0, 0, 0, 0]))
        if (buffer.length < end + 2) return
        const port = buffer.readUInt16BE(end)
        const rest = buffer.subarray(end + 2)
        stage = 'piping'
        client.off('data', onData)
        if (!['127.0.0.1', 'localhost'].includes(host))
          return void client.end(Buffer.from([5, 2, 0, 1, 0, 0, 0, 0, 0, 0]))
        stats.connects++
        const upstream = connect(port, '127.0.0.1', () => {
          client.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]))
          if (rest.length) upstream.write(rest)
          client.pipe(upstream).pipe(client)
        })
        upstream.on('error', () => client.destroy())
        client.on('close', () => upstream.destroy())
      }
    }
    client.on('data', onData)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  const close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
  // `await using socks = await startSocks5()` closes it
  return { port, stats, close, [Symbol.asyncDispose]: close }
}
