import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { generateCertificates } from '@x/testserver'
import { Nginx } from './nginx.ts'
import { Origin } from './origin.ts'
import { type FaultTools, ensureTools } from './tools.ts'
import { type ToxiProxy, type Toxic, Toxiproxy } from './toxiproxy.ts'

/**
 * The framings a response body can have on the wire, and the nginx listener/path that produces each: HTTP/1.1
 * Content-Length, chunked and close-delimited in the clear, close-delimited over TLS (`tls`), and HTTP/2 over TLS.
 */
export const FRAMINGS = ['cl', 'chunked', 'close', 'tls', 'h2'] as const
export type Framing = (typeof FRAMINGS)[number]

/**
 * client -> toxiproxy -> nginx -> origin. One toxiproxy proxy per nginx listener (HTTP/1.1, HTTPS, HTTP/2), so
 * toxics on one never touch the others. `ca` (PEM) and `caFile` verify nginx's certificate.
 */
export interface Stack {
  readonly tools: FaultTools
  readonly origin: Origin
  readonly nginx: Nginx
  readonly toxiproxy: Toxiproxy
  readonly proxies: { readonly http: ToxiProxy; readonly https: ToxiProxy; readonly h2: ToxiProxy }
  readonly ca: string
  readonly caFile: string
  /** `http://127.0.0.1:port` of the toxiproxy proxy in front of nginx's plain listener. */
  readonly http: string
  readonly https: string
  readonly h2: string
  /** The URL of a `bytes`-long body with this framing (query appended as given). */
  url(framing: Framing, bytes: number, query?: string): string
  /** The proxy a framing goes through. */
  proxyFor(framing: Framing): ToxiProxy
  /** Adds a toxic to the proxy of a framing; `reset()` removes it. */
  toxic(
    framing: Framing,
    toxic: Toxic,
    stream?: 'upstream' | 'downstream',
    toxicity?: number,
  ): Promise<string>
  /** Removes every toxic, enables every proxy, clears the origin's counters. */
  reset(): Promise<void>
  stop(): Promise<void>
}

export async function startStack(): Promise<Stack> {
  const tools = ensureTools()
  const certs = await generateCertificates()
  const dir = mkdtempSync(join(tmpdir(), 'faults-ca-'))
  const caFile = join(dir, 'ca.pem')
  writeFileSync(caFile, certs.ca)
  const origin = await Origin.start()
  const stopped: Array<() => Promise<void>> = [async () => rmSync(dir, { recursive: true, force: true })]
  const stopAll = async () => {
    for (const stop of stopped.reverse()) await stop().catch(() => {})
  }
  stopped.push(() => origin.close())
  try {
    const nginx = await Nginx.start(tools.nginx, origin.port, certs)
    stopped.push(() => nginx.stop())
    const toxiproxy = await Toxiproxy.start(tools.toxiproxy)
    stopped.push(() => toxiproxy.stop())
    const proxies = {
      http: await toxiproxy.proxy('nginx_http', `127.0.0.1:${nginx.ports.http}`),
      https: await toxiproxy.proxy('nginx_https', `127.0.0.1:${nginx.ports.https}`),
      h2: await toxiproxy.proxy('nginx_h2', `127.0.0.1:${nginx.ports.h2}`),
    }
    const http = `http://127.0.0.1:${proxies.http.port}`
    const https = `https://127.0.0.1:${proxies.https.port}`
    const h2 = `https://127.0.0.1:${proxies.h2.port}`
    const proxyFor = (framing: Framing) =>
      framing === 'h2' ? proxies.h2 : framing === 'tls' ? proxies.https : proxies.http
    return {
      tools,
      origin,
      nginx,
      toxiproxy,
      proxies,
      ca: certs.ca,
      caFile,
      http,
      https,
      h2,
      url(framing, bytes, query) {
        const base =
          framing === 'h2' ? `${h2}/chunked` : framing === 'tls' ? `${https}/close` : `${http}/${framing}`
        return `${base}/${bytes}${query ? `?${query}` : ''}`
      },
      proxyFor,
      toxic: (framing, toxic, stream, toxicity) => proxyFor(framing).add(toxic, stream, toxicity),
      async reset() {
        await toxiproxy.reset()
        origin.reset()
      },
      stop: stopAll,
    }
  } catch (error) {
    await stopAll()
    throw error
  }
}

/**
 * Open file descriptors of this process, less the origin's own sockets (nginx keeps upstream connections to the
 * in-process origin open): what the client side holds.
 */
export function openFds(origin?: Origin): number {
  return readdirSync('/proc/self/fd').length - (origin?.openSockets ?? 0)
}

/** Waits (up to `ms`) until {@link openFds} is at most `limit`; returns the last count. */
export async function fdsBackTo(limit: number, origin?: Origin, ms = 5_000): Promise<number> {
  const deadline = performance.now() + ms
  let count = openFds(origin)
  while (count > limit && performance.now() < deadline) {
    await sleep(20)
    count = openFds(origin)
  }
  return count
}

let keys = 0
/** A fresh idempotency key. */
export function newKey(prefix = 'k'): string {
  return `${prefix}-${process.pid}-${++keys}`
}
