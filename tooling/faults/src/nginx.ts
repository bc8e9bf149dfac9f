import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Child } from './process.ts'
import { freePort, waitForPort } from '@x/testserver/ports'

/** nginx (Debian's nginx-light) in front of the origin: HTTP/1.1 keep-alive, HTTPS and HTTP/2 over TLS. */
export class Nginx {
  readonly #child: Child
  readonly #dir: string
  /** Plain HTTP/1.1, HTTPS (HTTP/1.1), and HTTPS with HTTP/2 offered by ALPN. */
  readonly ports: { readonly http: number; readonly https: number; readonly h2: number }

  private constructor(child: Child, dir: string, ports: Nginx['ports']) {
    this.#child = child
    this.#dir = dir
    this.ports = ports
  }

  /**
   * Starts nginx proxying to `originPort`, unbuffered (bytes pass as the origin sends them, so a stalled origin
   * stalls the client). Under `/close/` responses reach HTTP/1.1 clients without Content-Length or chunking
   * (`chunked_transfer_encoding off`: the body ends when nginx closes the connection).
   */
  static async start(binary: string, originPort: number, tls: { cert: string; key: string }): Promise<Nginx> {
    const dir = mkdtempSync(join(tmpdir(), 'faults-nginx-'))
    for (const sub of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
      mkdirSync(join(dir, sub))
      chmodSync(join(dir, sub), 0o777) // workers run as nobody when the master is root
    }
    chmodSync(dir, 0o755)
    writeFileSync(join(dir, 'cert.pem'), tls.cert)
    writeFileSync(join(dir, 'key.pem'), tls.key)
    const ports = { http: await freePort(), https: await freePort(), h2: await freePort() }
    const proxy = `proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering off;
        proxy_request_buffering off; proxy_read_timeout 60s;`
    const conf = `
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  keepalive_timeout 60s; keepalive_requests 1000000; http2_max_requests 1000000;
  upstream origin { server 127.0.0.1:${originPort}; keepalive 64; }
  server {
    listen 127.0.0.1:${ports.http};
    listen 127.0.0.1:${ports.https} ssl;
    listen 127.0.0.1:${ports.h2} ssl http2;
    ssl_certificate ${dir}/cert.pem;
    ssl_certificate_key ${dir}/key.pem;
    location / { proxy_pass http://origin; ${proxy} }
    location /close/ { proxy_pass http://origin/chunked/; chunked_transfer_encoding off; ${proxy} }
  }
}
`
    writeFileSync(join(dir, 'nginx.conf'), conf)
    const child = new Child('nginx', binary, [
      '-p',
      dir,
      '-c',
      join(dir, 'nginx.conf'),
      '-e',
      join(dir, 'error.log'),
    ])
    try {
      for (const port of Object.values(ports)) await waitForPort(port, 15_000, 'nginx')
    } catch (error) {
      await child.stop()
      rmSync(dir, { recursive: true, force: true })
      throw new Error(`${(error as Error).message}\n${child.output}`)
    }
    return new Nginx(child, dir, ports)
  }

  async stop(): Promise<void> {
    await this.#child.stop()
    rmSync(this.#dir, { recursive: true, force: true })
  }
}
