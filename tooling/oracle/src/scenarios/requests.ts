import { b64, type Scenario, type Step } from '../scenario.js'

const r = (id: string, steps: Step[], extra: Partial<Scenario> = {}): Scenario => ({
  id,
  pkg: 'requests',
  steps,
  ...extra,
})
const get = (url: string, kwargs: Record<string, unknown> = {}, read: Step['read'] = 'json'): Step => ({
  method: 'GET',
  url,
  kwargs,
  read,
})
const hex = (s: string | Uint8Array) =>
  Buffer.from(typeof s === 'string' ? Buffer.from(s) : s).toString('hex')
const bytes = (ct: string, body: string | Uint8Array) =>
  `{A}/oracle/bytes?ct=${encodeURIComponent(ct)}&hex=${hex(body)}`

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']
const REDIRECTS = [301, 302, 303, 307, 308]

/** Text in Shift-JIS (Node has no Shift-JIS encoder: invert the decoder for the two-byte range used). */
function shiftJis(text: string): Uint8Array {
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder('shift_jis')
  for (let hi = 0x81; hi <= 0x9f; hi++)
    for (let lo = 0x40; lo <= 0xfc; lo++) table.set(decoder.decode(Uint8Array.of(hi, lo)), [hi, lo])
  const out: number[] = []
  for (const ch of text)
    out.push(...(ch.charCodeAt(0) < 0x80 ? [ch.charCodeAt(0)] : (table.get(ch) ?? [0x3f])))
  return Uint8Array.from(out)
}
const SJIS_XML = shiftJis(
  '<?xml version="1.0"?><root>日本語のテキストです。これはシフトJISでエンコードされています。東京都</root>',
)

export const requestsScenarios: Scenario[] = [
  // params and bodies
  r('params/dict', [get('{A}/get', { params: { a: '1', b: 'two words', c: 'é' } })]),
  r('params/list-and-none', [get('{A}/get?x=0', { params: { a: ['1', '2'], skip: null } })]),
  r('params/session-merge', [get('{A}/get', { params: { b: '2' } })], {
    session: { params: { a: '1', b: '1' } },
  }),
  r('body/form', [
    { method: 'POST', url: '{A}/post', kwargs: { data: { a: '1', b: ['x', 'y'] } }, read: 'json' },
  ]),
  r('body/string', [{ method: 'POST', url: '{A}/post', kwargs: { data: 'raw text é' }, read: 'json' }]),
  r('body/bytes', [
    { method: 'PUT', url: '{A}/put', kwargs: { data: b64(Uint8Array.of(0, 1, 2, 255)) }, read: 'json' },
  ]),
  r('body/json', [
    { method: 'POST', url: '{A}/post', kwargs: { json: { a: [1, 2], é: null } }, read: 'json' },
  ]),
  r('body/json-and-header', [
    {
      method: 'PATCH',
      url: '{A}/patch',
      kwargs: { json: [1], headers: { 'Content-Type': 'application/vnd+json' } },
      read: 'json',
    },
  ]),
  r('body/delete-empty', [{ method: 'DELETE', url: '{A}/anything', read: 'json' }]),
  r('body/options-empty', [{ method: 'OPTIONS', url: '{A}/anything', read: 'content' }]),
  r('body/post-empty', [{ method: 'POST', url: '{A}/post', read: 'json' }]),
  r(
    'headers/session-and-request',
    [get('{A}/headers', { headers: { 'X-Req': 'r', 'X-Both': 'req', 'X-Drop': null } })],
    {
      session: { headers: { 'X-Sess': 's', 'X-Both': 'sess', 'X-Drop': 'x' } },
    },
  ),
  // multipart
  r('multipart/files', [
    {
      method: 'POST',
      url: '{A}/post',
      kwargs: { files: { f: ['a.txt', 'hello', 'text/plain'], g: ['b.bin', b64(Uint8Array.of(1, 2, 3))] } },
      read: 'json',
    },
  ]),
  r('multipart/files-and-data', [
    {
      method: 'POST',
      url: '{A}/post',
      kwargs: { data: { k: 'v' }, files: { f: ['a.txt', 'x'] } },
      read: 'json',
    },
  ]),
  // redirects: every status with every method, a body along
  ...REDIRECTS.flatMap((status) =>
    METHODS.map((method) =>
      r(`redirect/${status}-${method}`, [
        {
          method,
          url: `{A}/redirect-to?url=${encodeURIComponent('{A}/anything')}&status_code=${status}`,
          kwargs: method === 'GET' || method === 'HEAD' || method === 'OPTIONS' ? {} : { data: { k: 'v' } },
          read: method === 'HEAD' || method === 'OPTIONS' ? 'content' : 'json',
        },
      ]),
    ),
  ),
  r('redirect/relative-chain', [get('{A}/relative-redirect/3')]),
  r('redirect/absolute-chain', [get('{A}/absolute-redirect/2')]),
  r('redirect/not-followed', [get('{A}/redirect/2', { allow_redirects: false }, 'content')]),
  r('redirect/too-many', [get('{A}/redirect/5', {}, 'content')], { session: { max_redirects: 3 } }),
  r('redirect/auth-same-host', [
    get(`{A}/redirect-to?url=${encodeURIComponent('{A}/headers')}`, { auth: ['u', 'p'] }),
  ]),
  r('redirect/auth-other-host', [
    get(`{A}/redirect-to?url=${encodeURIComponent('{B}/headers')}`, { auth: ['u', 'p'] }),
  ]),
  r('redirect/header-auth-other-host', [
    get(`{A}/redirect-to?url=${encodeURIComponent('{B}/headers')}`, {
      headers: { Authorization: 'Bearer t' },
    }),
  ]),
  r('redirect/cookies-across-hosts', [
    get('{A}/cookies/set?sid=1', {}, 'json'),
    get(`{A}/redirect-to?url=${encodeURIComponent('{B}/cookies')}`),
  ]),
  // cookies
  r('cookies/set-and-send', [get('{A}/cookies/set?a=1&b=2'), get('{A}/cookies')]),
  r('cookies/per-request', [get('{A}/cookies', { cookies: { x: 'req' } })]),
  r('cookies/session', [get('{A}/cookies')], { session: { cookies: { s: '1' } } }),
  r('cookies/jar-and-request-same-name', [
    get('{A}/cookies/set?x=jar'),
    get('{A}/cookies', { cookies: { x: 'req' } }),
  ]),
  r('cookies/delete', [get('{A}/cookies/set?a=1'), get('{A}/cookies/delete?a')]),
  // encodings and decoding
  r('encoding/utf8-page', [get('{A}/encoding/utf8', {}, 'text')]),
  r('encoding/json', [get('{A}/json', {}, 'text')]),
  r('encoding/text-plain-latin1', [
    get(
      bytes(
        'text/plain',
        Uint8Array.from({ length: 256 }, (_, i) => i),
      ),
      {},
      'text',
    ),
  ]),
  r('encoding/declared-charset', [
    get(bytes('text/html; charset=windows-1251', Buffer.from('cff0e8e2e5f2', 'hex')), {}, 'text'),
  ]),
  r('encoding/sjis-xml-undeclared', [get(bytes('application/xml', SJIS_XML), {}, 'apparent')]),
  r('encoding/utf8-undeclared', [get(bytes('application/octet-stream', 'héllo wörld ✓'), {}, 'apparent')]),
  r('encoding/ascii-undeclared', [get(bytes('application/octet-stream', 'hello'), {}, 'apparent')]),
  r('encoding/gzip', [get('{A}/gzip', {}, 'json')]),
  r('encoding/deflate', [get('{A}/deflate', {}, 'json')]),
  r('encoding/json-error-empty', [get(bytes('application/json', ''), {}, 'json')]),
  r('encoding/json-error-html', [get(bytes('application/json', '<html>'), {}, 'json')]),
  r('encoding/json-error-extra', [get(bytes('application/json', '{"a": 1} x'), {}, 'json')]),
  r('encoding/json-error-delimiter', [get(bytes('application/json', '{"a": 1 "b": 2}'), {}, 'json')]),
  r('encoding/json-error-quotes', [get(bytes('application/json', "{'a': 1}"), {}, 'json')]),
  r('encoding/json-error-unterminated', [get(bytes('application/json', '["abc'), {}, 'json')]),
  // streaming
  r('stream/iter-content', [
    {
      ...get('{A}/stream-bytes/5000?seed=1&chunk_size=700', { stream: true }),
      read: 'iter_content',
      chunk_size: 1000,
    },
  ]),
  r('stream/iter-lines', [{ ...get('{A}/stream/4', { stream: true }), read: 'iter_lines' }]),
  r('stream/drip', [
    {
      ...get('{A}/drip?duration=0.2&numbytes=5&delay=0', { stream: true }),
      read: 'iter_content',
      chunk_size: 1,
    },
  ]),
  r('stream/bytes', [get('{A}/bytes/2048?seed=7', {}, 'content')]),
  // timeouts
  r('timeouts/read', [get('{A}/delay/2', { timeout: 0.3 }, 'content')]),
  r('timeouts/tuple-read', [get('{A}/delay/2', { timeout: [5, 0.3] }, 'content')]),
  r('timeouts/enough', [get('{A}/delay/0.1', { timeout: 5 }, 'content')]),
  // retries and Retry-After
  r('retries/status-forcelist', [get('{A}/status/503', {}, 'content')], {
    session: { retries: { total: 2, status_forcelist: [503], backoff_factor: 0 } },
  }),
  r('retries/status-no-raise', [get('{A}/status/503', {}, 'content')], {
    session: { retries: { total: 1, status_forcelist: [503], raise_on_status: false } },
  }),
  r(
    'retries/retry-after-capped',
    [get('{A}/oracle/flaky/{token}?status=503&times=1&retry_after=30', {}, 'text')],
    {
      session: { retries: { total: 2, retry_after_max: 0.2 } },
    },
  ),
  r('retries/retry-after', [get('{A}/oracle/flaky/{token}?status=503&times=1&retry_after=1', {}, 'text')], {
    session: { retries: { total: 2, backoff_max: 0 } },
  }),
  r(
    'retries/retry-after-429',
    [get('{A}/oracle/flaky/{token}?status=429&times=1&retry_after=0', {}, 'text')],
    {
      session: { retries: 3 },
    },
  ),
  r('retries/connection-refused', [get('http://127.0.0.1:9/', {}, 'content')], { session: { retries: 1 } }),
  // auth
  r('auth/basic', [get('{A}/basic-auth/u/p', { auth: ['u', 'p'] })]),
  r('auth/basic-wrong', [get('{A}/basic-auth/u/p', { auth: ['u', 'x'] }, 'content')]),
  r('auth/basic-session', [get('{A}/basic-auth/u/p')], { session: { auth: ['u', 'p'] } }),
  r('auth/url-credentials', [get('http://u:p@{Ahost}/basic-auth/u/p')]),
  r('auth/digest-md5', [get('{A}/digest-auth/auth/u/p', { auth: { digest: ['u', 'p'] } })]),
  r('auth/digest-sha256', [get('{A}/digest-auth/auth/u/p/SHA-256', { auth: { digest: ['u', 'p'] } })]),
  r('auth/digest-wrong', [get('{A}/digest-auth/auth/u/p', { auth: { digest: ['u', 'x'] } }, 'content')]),
  r('auth/netrc', [get('{A}/basic-auth/u/p')], {
    env: { NETRC: '{tmp}/netrc' },
    files: { netrc: 'machine 127.0.0.1 login u password p\n' },
  }),
  r('auth/netrc-ignored-with-auth', [get('{A}/basic-auth/u/p', { auth: ['u', 'p'] })], {
    env: { NETRC: '{tmp}/netrc-wrong' },
    files: { 'netrc-wrong': 'machine 127.0.0.1 login u password wrong\n' },
  }),
  // proxies from the environment
  r('proxies/http-proxy-env', [get('{A}/get')], { env: { HTTP_PROXY: '{P}', NO_PROXY: '' } }),
  r('proxies/no-proxy', [get('{A}/get')], { env: { HTTP_PROXY: '{P}', NO_PROXY: '127.0.0.1' } }),
  r('proxies/lowercase-env', [get('{A}/get')], { env: { http_proxy: '{P}', no_proxy: '' } }),
  r('proxies/all-proxy', [get('{A}/get')], { env: { ALL_PROXY: '{P}', NO_PROXY: '' } }),
  r('proxies/no-proxy-port', [get('{A}/get')], { env: { HTTP_PROXY: '{P}', NO_PROXY: '{Ahost}' } }),
  r('proxies/explicit-over-env', [get('{B}/get', { proxies: { http: '{P}' } })], { env: { NO_PROXY: '*' } }),
  r('proxies/trust-env-off', [get('{A}/get')], {
    env: { HTTP_PROXY: '{P}', NO_PROXY: '' },
    session: { trust_env: false },
  }),
  // TLS: CA bundle, verify off, client certificates
  r('tls/verify-ca-file', [get('{S}/get', { verify: '{CA}' })]),
  r('tls/verify-default-untrusted', [get('{S}/get', {}, 'content')]),
  r('tls/verify-off', [get('{S}/get', { verify: false })]),
  r('tls/ca-bundle-env', [get('{S}/get')], { env: { REQUESTS_CA_BUNDLE: '{CA}' } }),
  r('tls/client-cert', [get('{M}/get', { verify: '{CA}', cert: ['{CERT}', '{KEY}'] })]),
  r('tls/client-cert-missing', [get('{M}/get', { verify: '{CA}' }, 'content')]),
  // response fields and errors
  r('response/status-418', [get('{A}/status/418', {}, 'raise_for_status')]),
  r('response/status-500', [get('{A}/status/500', {}, 'raise_for_status')]),
  r('response/links', [get('{A}/response-headers?Link=%3Chttp://x/2%3E;%20rel=next', {}, 'content')]),
  r('response/repeated-headers', [get('{A}/response-headers?X-A=1&X-A=2', {}, 'content')]),
  r('errors/missing-schema', [get('127.0.0.1/get', {}, 'content')]),
  r('errors/invalid-schema', [get('ftp://127.0.0.1/get', {}, 'content')]),
  r('errors/invalid-url', [get('http://', {}, 'content')]),
  r('errors/connection-refused', [get('http://127.0.0.1:9/', {}, 'content')]),
]
