// Runs one scenario through Python and through our packages against the same servers, and compares.
import { randomUUID } from 'node:crypto'
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { compare, type Verdict } from './compare.js'
import { runOurs } from './ours.js'
import type { PythonWorker } from './python.js'
import type { Scenario } from './scenario.js'
import type { Seen, Servers } from './servers.js'

export interface Places {
  [placeholder: string]: string
}

function substitute<T>(value: T, places: Places): T {
  let text = JSON.stringify(value)
  for (const [k, v] of Object.entries(places)) {
    text = text.split(`{${k}}`).join(JSON.stringify(v).slice(1, -1))
    // in an encoded query value (redirect-to?url=...)
    text = text.split(encodeURIComponent(`{${k}}`)).join(encodeURIComponent(v))
  }
  return JSON.parse(text) as T
}

/** Puts placeholders back (server URLs, the per-side token) and makes random multipart boundaries uniform. */
function normalize(value: unknown, places: Places, volatile: readonly string[] = []): unknown {
  let text = JSON.stringify(value)
  const ordered = Object.entries(places).sort((a, b) => b[1].length - a[1].length)
  for (const [k, v] of ordered) {
    const escaped = JSON.stringify(v).slice(1, -1)
    text = text.split(escaped).join(`{${k}}`)
    const encoded = encodeURIComponent(v)
    if (encoded !== v) text = text.split(encoded).join(`{${k}}`)
  }
  text = text.replace(/boundary=[^;\s"\\]+/g, 'boundary=<boundary>')
  // Digest auth: server nonces and client cnonces are random, and so is the response hash built from them.
  text = text.replace(/\b(nonce|cnonce|opaque|response)=(\\"|)[0-9a-f]{8,}\2/g, '$1=$2<random>$2')
  // A token's expires_at is "now + expires_in" on each side, a second apart at times: compare its kind.
  const keys = new Set(volatile)
  return JSON.parse(text, (key, v) => {
    if (keys.has(key) && v !== null && typeof v !== 'object') return `<${typeof v}>`
    return key === 'expires_at' && typeof v === 'number'
      ? Number.isInteger(v)
        ? '<integer>'
        : `<float ${v}>`
      : v
  })
}

function takeSent(servers: Servers): Seen[] {
  const sent = [
    ...servers.a.log.splice(0).map((s) => ({ server: 'A', ...s })),
    ...servers.b.log.splice(0).map((s) => ({ server: 'B', ...s })),
    ...servers.https.log.splice(0).map((s) => ({ server: 'S', ...s })),
    ...servers.mtls.log.splice(0).map((s) => ({ server: 'M', ...s })),
  ]
  return sent
}

export class Harness {
  readonly tmp = mkdtempSync(join(tmpdir(), 'oracle-'))
  readonly verdicts: Verdict[] = []

  readonly servers: Servers
  readonly python: PythonWorker
  readonly extra: Places

  constructor(servers: Servers, python: PythonWorker, extra: Places = {}) {
    this.servers = servers
    this.python = python
    this.extra = extra
  }

  #places(token: string): Places {
    return {
      A: this.servers.a.url,
      B: this.servers.b.url,
      Ahost: new URL(this.servers.a.url).host,
      P: this.servers.proxy.url,
      S: this.servers.https.url,
      M: this.servers.mtls.url,
      CA: this.servers.files.ca,
      CERT: this.servers.files.cert,
      KEY: this.servers.files.key,
      tmp: this.tmp,
      token,
      ...this.extra,
    }
  }

  async #side(sc: Scenario, run: (s: Scenario) => Promise<Record<string, unknown>>) {
    const token = randomUUID()
    const places = this.#places(token)
    const scenario = substitute(sc, places)
    for (const [name, content] of Object.entries(scenario.files ?? {}))
      writeFileSync(join(this.tmp, name), content, { mode: 0o600 })
    takeSent(this.servers)
    const proxied = this.servers.proxy.stats.requests
    const saved = { ...process.env }
    const out = await run(scenario).finally(() => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key]
      Object.assign(process.env, saved)
    })
    out.sent = takeSent(this.servers)
    out.proxied = this.servers.proxy.stats.requests - proxied
    return normalize(out, places, sc.volatile)
  }

  async run(sc: Scenario): Promise<Verdict> {
    const python = await this.#side(sc, (s) => this.python.run(s))
    const ours = await this.#side(sc, (s) => {
      Object.assign(process.env, s.env ?? {})
      return runOurs(s)
    })
    const verdict = compare(sc.id, sc.pkg, python, ours)
    // ORACLE_DEBUG=<id prefix> prints both observations (to see what agreed, not only what differed).
    const debug = process.env.ORACLE_DEBUG
    if (debug && sc.id.startsWith(debug)) {
      process.stdout.write(`${sc.id}\npython: ${JSON.stringify(python)}\nours:   ${JSON.stringify(ours)}\n`)
    }
    this.verdicts.push(verdict)
    const file = process.env.ORACLE_RESULTS
    if (file)
      appendFileSync(
        file,
        `${JSON.stringify({ id: verdict.id, pkg: verdict.pkg, outcome: verdict.outcome })}\n`,
      )
    return verdict
  }
}
