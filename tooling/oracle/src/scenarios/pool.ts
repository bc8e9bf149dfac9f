import { b64, type Scenario, type Step } from '../scenario.js'

const p = (id: string, steps: Step[], extra: Partial<Scenario> = {}): Scenario => ({
  id,
  pkg: 'pool',
  steps,
  ...extra,
})
const req = (
  method: string,
  url: string,
  kwargs: Record<string, unknown> = {},
  read: Step['read'] = 'json',
): Step => ({
  method,
  url,
  kwargs,
  read,
})

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE']
const REDIRECTS = [301, 302, 303, 307, 308]

export const poolScenarios: Scenario[] = [
  // bodies and fields
  p('fields/query', [req('GET', '{A}/get', { fields: { a: '1', b: 'two words' } })]),
  p('fields/multipart', [
    req('POST', '{A}/post', { fields: { a: '1', f: ['a.txt', 'hello', 'text/plain'] } }),
  ]),
  p('fields/urlencoded', [req('POST', '{A}/post', { fields: { a: '1' }, encode_multipart: false })]),
  p('body/bytes', [req('POST', '{A}/post', { body: b64(Uint8Array.of(0, 1, 255)) })]),
  p('body/string', [req('PUT', '{A}/put', { body: 'hé', headers: { 'Content-Type': 'text/plain' } })]),
  p('body/json', [req('POST', '{A}/post', { json: { a: 1 } })]),
  p('headers/manager-and-request', [req('GET', '{A}/headers', { headers: { 'X-Req': '1' } })], {
    manager: { headers: { 'X-Mgr': '1' } },
  }),
  p('headers/manager-only', [req('GET', '{A}/headers')], { manager: { headers: { 'X-Mgr': '1' } } }),
  // redirects
  ...REDIRECTS.flatMap((status) =>
    METHODS.map((method) =>
      p(`redirect/${status}-${method}`, [
        req(
          method,
          `{A}/redirect-to?url=${encodeURIComponent('{A}/anything')}&status_code=${status}`,
          method === 'POST' || method === 'PUT' ? { body: 'x' } : {},
          method === 'HEAD' ? 'data' : 'json',
        ),
      ]),
    ),
  ),
  p('redirect/not-followed', [req('GET', '{A}/redirect/1', { redirect: false }, 'data')]),
  p('redirect/chain', [req('GET', '{A}/redirect/3')]),
  p('redirect/too-many', [req('GET', '{A}/redirect/5', { retries: { total: 10, redirect: 2 } }, 'data')]),
  p('redirect/too-many-no-raise', [
    req('GET', '{A}/redirect/5', { retries: { redirect: 2, raise_on_redirect: false } }, 'data'),
  ]),
  p('redirect/other-host-strips-authorization', [
    req('GET', `{A}/redirect-to?url=${encodeURIComponent('{B}/headers')}`, {
      headers: { Authorization: 'x', Cookie: 'c=1', 'X-Keep': '1' },
    }),
  ]),
  // retries, Retry-After, timeouts
  p('retries/status-forcelist', [
    req('GET', '{A}/status/503', { retries: { total: 2, status_forcelist: [503] } }, 'data'),
  ]),
  p('retries/status-no-raise', [
    req(
      'GET',
      '{A}/status/503',
      { retries: { total: 1, status_forcelist: [503], raise_on_status: false } },
      'data',
    ),
  ]),
  p('retries/post-not-retried', [
    req('POST', '{A}/status/503', { retries: { total: 2, status_forcelist: [503] } }, 'data'),
  ]),
  p('retries/retry-after', [
    req(
      'GET',
      '{A}/oracle/flaky/{token}?status=503&times=1&retry_after=1',
      { retries: { total: 2, backoff_max: 0 } },
      'text',
    ),
  ]),
  p('retries/retry-after-capped', [
    req(
      'GET',
      '{A}/oracle/flaky/{token}?status=503&times=1&retry_after=30',
      { retries: { total: 2, retry_after_max: 0.2 } },
      'text',
    ),
  ]),
  p('retries/retry-after-413', [
    req('GET', '{A}/oracle/flaky/{token}?status=413&times=1&retry_after=0', {}, 'text'),
  ]),
  p('retries/retry-after-ignored', [
    req(
      'GET',
      '{A}/oracle/flaky/{token}?status=503&times=1&retry_after=0',
      { retries: { total: 2, respect_retry_after_header: false } },
      'text',
    ),
  ]),
  p('retries/connection-refused', [req('GET', 'http://127.0.0.1:9/', { retries: 1 }, 'data')]),
  p('retries/disabled', [req('GET', 'http://127.0.0.1:9/', { retries: false }, 'data')]),
  p('timeouts/read', [req('GET', '{A}/delay/2', { timeout: { read: 0.3 }, retries: false }, 'data')]),
  p('timeouts/read-retried', [req('GET', '{A}/delay/2', { timeout: { read: 0.2 }, retries: 1 }, 'data')]),
  // the response object
  p('response/fields', [req('GET', '{A}/response-headers?X-A=1&X-A=2', {}, 'json')]),
  p('response/status-404', [req('GET', '{A}/status/404', {}, 'data')]),
  p('response/gzip', [req('GET', '{A}/gzip')]),
  p('response/deflate', [req('GET', '{A}/deflate')]),
  p('response/stream', [req('GET', '{A}/stream-bytes/5000?seed=2', { preload_content: false }, 'stream')]),
  p('response/read-amt', [
    { ...req('GET', '{A}/bytes/3000?seed=3', { preload_content: false }, 'read_amt'), amt: 1000 },
  ]),
  p('response/no-decode', [req('GET', '{A}/gzip', { decode_content: false }, 'data')]),
  p('response/text', [req('GET', '{A}/encoding/utf8', {}, 'text')]),
  p('errors/invalid-url', [req('GET', 'http://', {}, 'data')]),
]
