import { execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Child } from './process.ts'
import { freePort, waitForPort } from '@x/testserver/ports'

/** squid (Debian's) as a forward proxy on loopback, with basic auth against a generated password file. */
export class Squid {
  readonly #child: Child
  readonly #dir: string
  readonly port: number

  private constructor(child: Child, dir: string, port: number) {
    this.#child = child
    this.#dir = dir
    this.port = port
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  static async start(
    binary: string,
    basicAuth: string,
    user: { username: string; password: string },
  ): Promise<Squid> {
    const dir = mkdtempSync(join(tmpdir(), 'faults-squid-'))
    chmodSync(dir, 0o777) // squid drops to its proxy user when started as root
    const hash = execFileSync('openssl', ['passwd', '-apr1', user.password], { encoding: 'utf8' }).trim()
    writeFileSync(join(dir, 'passwd'), `${user.username}:${hash}\n`, { mode: 0o644 })
    const port = await freePort()
    const conf = `
http_port 127.0.0.1:${port}
pid_filename ${dir}/squid.pid
cache_log ${dir}/cache.log
access_log none
cache deny all
cache_mem 8 MB
shutdown_lifetime 0 seconds
dns_v4_first on
auth_param basic program ${basicAuth} ${dir}/passwd
auth_param basic realm faults
auth_param basic children 2
acl authed proxy_auth REQUIRED
acl loopback dst 127.0.0.1/32
acl SSL_ports port 1-65535
acl CONNECT method CONNECT
http_access deny !loopback
http_access allow authed
http_access deny all
`
    writeFileSync(join(dir, 'squid.conf'), conf)
    const child = new Child('squid', binary, ['-N', '-f', join(dir, 'squid.conf')])
    try {
      await waitForPort(port, 20_000, 'squid')
    } catch (error) {
      await child.stop()
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`${(error as Error).message}\n${child.output}`)
    }
    return new Squid(child, dir, port)
  }

  async stop(): Promise<void> {
    await this.#child.stop()
    rmSync(this.#dir, { recursive: true, force: true })
  }
}
