import { timingSafeEqual } from 'node:crypto'

export interface ProxyCredentials {
  username: string
  password: string
}

/** True when no credentials are required, or the Proxy-Authorization header carries the right Basic ones. */
export function proxyAuthorized(header: string | undefined, auth: ProxyCredentials | undefined): boolean {
  if (auth === undefined) return true
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (match === null) return false
  const given = Buffer.from(match[1]!, 'base64')
  const expected = Buffer.from(`${auth.username}:${auth.password}`)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

export const PROXY_CHALLENGE = 'Basic realm="testserver proxy"'

/** Only loopback targets are reached: this proxy never connects anywhere else. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    host === '::ffff:127.0.0.1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  )
}
