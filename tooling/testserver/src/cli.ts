/**
 * Child-process mode: `node tooling/testserver/src/cli.ts [--https] [--mtls] [--proxy] [--proxy-auth user:pass]`.
 * Starts httpbin (and the optional servers) on 127.0.0.1 port 0, prints one JSON line
 * `{ "httpbin": url, "https"?: url, "ca"?, "fingerprint256"?, "clientCert"?, "clientKey"?, "proxy"?: url }`
 * on stdout, then serves until SIGTERM or SIGINT and exits 0 after closing every server.
 */
import { parseArgs } from 'node:util'
import { startHttpsHttpbin } from './https-server.ts'
import { startHttpbin } from './httpbin/server.ts'
import { startProxy } from './proxy.ts'
import type { RunningServer } from './types.ts'

const { values } = parseArgs({
  options: {
    https: { type: 'boolean', default: false },
    mtls: { type: 'boolean', default: false },
    proxy: { type: 'boolean', default: false },
    'proxy-auth': { type: 'string' },
  },
  strict: true,
})

function proxyAuth(value: string | undefined): { username: string; password: string } | undefined {
  if (value === undefined) return undefined
  const index = value.indexOf(':')
  if (index < 1) throw new TypeError('--proxy-auth must be user:password')
  return { username: value.slice(0, index), password: value.slice(index + 1) }
}

const servers: RunningServer[] = []
const summary: Record<string, string> = {}

const httpbin = await startHttpbin()
servers.push(httpbin)
summary.httpbin = httpbin.url
if (values.https || values.mtls) {
  const https = await startHttpsHttpbin({ requestCert: values.mtls })
  servers.push(https)
  Object.assign(summary, {
    https: https.url,
    ca: https.ca,
    fingerprint256: https.fingerprint256,
    clientCert: https.clientCert,
    clientKey: https.clientKey,
  })
}
if (values.proxy || values['proxy-auth'] !== undefined) {
  const auth = proxyAuth(values['proxy-auth'])
  const proxy = await startProxy(auth === undefined ? {} : { auth })
  servers.push(proxy)
  summary.proxy = proxy.url
}

let stopping = false
async function stop(): Promise<void> {
  if (stopping) return
  stopping = true
  await Promise.all(servers.map((server) => server.close()))
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('SIGINT', () => void stop())
process.stdout.write(JSON.stringify(summary) + '\n')
