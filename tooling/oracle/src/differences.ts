// Every difference from the Python libraries that we keep on purpose, in one place. The differential suite
// accepts a differing field only when an entry here names it (package, field, optionally scenario ids); any
// other difference fails the suite. Each package README's "Differences from Python" section is generated from
// this list (`pnpm --filter @x/oracle differences`), entries without `fields` included: those are choices the
// suite does not observe (units, defaults) but users should know about.
//
// To add one: append an entry with a stable `id`, the `package`, a one-line `python` / `ours` contrast and the
// `reason`; list `fields` (as printed by a failing scenario, indices dropped) when the suite observes it.

import type { Pkg } from './scenario.js'

export interface Difference {
  /** Stable, kebab-case. */
  id: string
  package: Pkg
  /** What the Python library does. */
  python: string
  /** What we do. */
  ours: string
  /** Why we keep it. */
  reason: string
  /** Observed fields (`headers.content-type`, `sent.user-agent`, `error.message`; `*` ends a prefix). */
  fields?: readonly string[]
  /** Scenario ids (or `area/` prefixes) where the fields may differ; all scenarios when absent. */
  scenarios?: readonly string[]
  /** A difference in every request (User-Agent...): a scenario that differs only by these still "agrees". */
  everywhere?: boolean
}

export const differences: readonly Difference[] = [
  // ------------------------------------------------------------------ @x/pool (urllib3)
  {
    id: 'pool-user-agent',
    package: 'pool',
    python: '`User-Agent: python-urllib3/<version>`',
    ours: '`User-Agent: x-pool/<version>`',
    reason: 'names the library actually sending the request.',
    fields: ['sent.headers.user-agent'],
    everywhere: true,
  },
  {
    id: 'pool-accept-encoding',
    package: 'pool',
    python: "sends `Accept-Encoding: identity` (added by Python's http.client)",
    ours: 'sends no `Accept-Encoding` unless you set one',
    reason:
      'identity is what a server assumes without the header (RFC 9110 §12.5.3); undici adds nothing either.',
    fields: ['sent.headers.accept-encoding'],
    everywhere: true,
  },
  {
    id: 'pool-connection-keep-alive',
    package: 'pool',
    python: 'no `Connection` header (HTTP/1.1 connections persist by default)',
    ours: '`Connection: keep-alive`, written by undici',
    reason: 'undici states it explicitly; both keep the connection open.',
    fields: ['sent.headers.connection'],
    everywhere: true,
  },
  {
    id: 'pool-response-url',
    package: 'pool',
    python: '`resp.url` of a `PoolManager` response is the request target (`/get?a=1`)',
    ours: '`resp.url` is the absolute URL (`http://host/get?a=1`)',
    reason: 'one URL users can log and request again, whatever the pool or redirect it came through.',
    fields: ['url', 'history'],
    everywhere: true,
  },
  {
    id: 'pool-error-messages',
    package: 'pool',
    python:
      "messages name the pool (`HTTPConnectionPool(host='h', port=80): Max retries exceeded with url: /x (Caused by ...)`)",
    ours: 'messages name the URL (credentials and query removed) and the cause: `Max retries exceeded with url: http://h/x (Caused by ...)`',
    reason:
      'an undici dispatcher has no pool object to name; the class, `code` and `reason` are the contract.',
    fields: ['error.message'],
    scenarios: ['retries/', 'timeouts/', 'errors/'],
  },
  {
    id: 'pool-location-error',
    package: 'pool',
    python: 'a URL without a host raises `LocationValueError`',
    ours: '`LocationParseError` for every unusable URL',
    reason: 'one error for "this URL cannot be used"; its message says why.',
    fields: ['error.class'],
    scenarios: ['errors/invalid-url'],
  },
  {
    id: 'pool-json-error',
    package: 'pool',
    python: "`resp.json()` on a body that is not JSON raises json's `JSONDecodeError`",
    ours: '`DecodeError` (a `PoolError`, `code` `ERR_POOL_DECODE`) with the parser error as `cause`',
    reason: 'every error @x/pool throws is a PoolError with a stable code.',
    fields: ['error.class', 'error.message'],
    scenarios: ['redirect/'],
  },
  {
    id: 'pool-milliseconds',
    package: 'pool',
    python: 'durations in seconds (`timeout`, `backoff_factor`, `backoff_max`, `retry_after_max`)',
    ours: 'durations in milliseconds',
    reason: "Node's idiom (setTimeout, undici); the suite converts when it runs a scenario.",
  },
  {
    id: 'pool-block',
    package: 'pool',
    python:
      '`block=False`: a request beyond `maxsize` opens an extra connection that is discarded afterwards',
    ours: '`block: true`: it waits for a free connection',
    reason:
      'waiting costs no thread in Node; extra sockets under load exhaust ports (see "block defaults to true").',
  },
  // ------------------------------------------------------------------ @x/requests (requests)
  {
    id: 'requests-user-agent',
    package: 'requests',
    python: '`User-Agent: python-requests/<version>`',
    ours: '`User-Agent: x-requests/<version>`',
    reason: 'names the library actually sending the request.',
    fields: ['sent.headers.user-agent'],
    everywhere: true,
  },
  {
    id: 'requests-accept-encoding',
    package: 'requests',
    python: '`Accept-Encoding: gzip, deflate` (plus `br`/`zstd` only when optional packages are installed)',
    ours: '`Accept-Encoding: gzip, deflate, br, zstd`',
    reason: 'Node decodes brotli and zstd natively, so they are always on offer.',
    fields: ['sent.headers.accept-encoding'],
    everywhere: true,
  },
  {
    id: 'requests-content-length-zero',
    package: 'requests',
    python: 'a bodiless DELETE/OPTIONS carries `Content-Length: 0` on the wire',
    ours: 'the prepared request carries `Content-Length: 0` (as requests), but undici does not write it for methods without body semantics',
    reason:
      'undici follows RFC 9110 §8.6 ("SHOULD NOT send Content-Length when the request has no content and the method does not define a meaning for it") and offers no way around it; servers treat both the same.',
    fields: ['sent.headers.content-length', 'json.headers.Content-Length', 'headers.content-length'],
    scenarios: [
      ...['301', '302', '303', '307', '308'].flatMap((s) => [
        `redirect/${s}-DELETE`,
        `redirect/${s}-OPTIONS`,
      ]),
      'body/delete-empty',
      'body/options-empty',
    ],
  },
  {
    id: 'requests-multipart-boundary',
    package: 'requests',
    python: 'a random 32-hex-digit multipart boundary',
    ours: 'a random boundary of another length',
    reason: 'boundaries are random either way; only the body length follows from it.',
    fields: ['sent.headers.content-length', 'json.headers.Content-Length', 'headers.content-length'],
    scenarios: ['multipart/'],
  },
  {
    id: 'requests-json-compact',
    package: 'requests',
    python:
      '`json=` bodies serialised by `json.dumps`: `{"a": [1, 2], "\\u00e9": null}` (spaces, ASCII escapes)',
    ours: '`JSON.stringify`: `{"a":[1,2],"é":null}` (compact, UTF-8)',
    reason: 'the same JSON value in fewer bytes; any JSON parser reads both alike.',
    fields: [
      'sent.headers.content-length',
      'json.headers.Content-Length',
      'headers.content-length',
      'json.data',
    ],
    scenarios: ['body/json'],
  },
  {
    id: 'requests-url-credentials',
    package: 'requests',
    python: '`r.url` keeps credentials written in the request URL (`http://user:pass@host/`)',
    ours: '`r.url` (and history URLs) without them; they are sent as Basic auth all the same',
    reason: 'a URL is logged and shown everywhere; a password in it should not be.',
    fields: ['url'],
    scenarios: ['auth/url-credentials'],
  },
  {
    id: 'requests-no-proxy-ip-port',
    package: 'requests',
    python:
      '`NO_PROXY=127.0.0.1:8080` does not bypass the proxy for that address (ports are only matched for host names)',
    ours: '`host:port` entries match IP addresses too',
    reason: "the entry says what it means; requests' IPv4 branch compares addresses and CIDRs only.",
    fields: ['proxied', 'headers.keep-alive'],
    scenarios: ['proxies/no-proxy-port'],
  },
  {
    id: 'requests-module-level-pool',
    package: 'requests',
    python: '`requests.get()` and friends open a Session per call and close its connections afterwards',
    ours: "a fresh `Session` per call (no cookies or auth carried over), sending through one process-wide adapter whose keep-alive connections are reused and unref'd",
    reason:
      'a TCP and TLS handshake per call made module-level calls an order of magnitude slower than undici (DESIGN: defaults for an event loop).',
  },
  {
    id: 'requests-netrc-missing-recheck',
    package: 'requests',
    python: '`get_netrc_auth` looks for `~/.netrc` and `~/_netrc` on every request',
    ours: 'a `.netrc` found missing is looked for again at most once a second (at once after `session.refreshEnvironment()`); an existing one is checked for changes on every read',
    reason:
      'most machines have none, and the two lookups cost 2-5 µs per module-level call (issue 11); a file created while the process runs is seen within a second.',
  },
  {
    id: 'requests-environment-per-turn',
    package: 'requests',
    python:
      'the environment (`*_PROXY`, `NO_PROXY`, `REQUESTS_CA_BUNDLE`, `NETRC`) is read again on every request',
    ours: 'a `Session` reads it once (`session.refreshEnvironment()` reads it again); module-level calls share one read per turn of the event loop, so a change of `process.env` is seen by every call started after an `await`',
    reason:
      'reading `process.env` costs a few hundred ns per variable and a call reads up to eight: at 50 calls in flight that was 5% of the CPU per module-level call (issue 11).',
  },
  {
    id: 'requests-session-pool',
    package: 'requests',
    python:
      '`HTTPAdapter` defaults: `pool_maxsize=10`, `pool_block=False` (a request beyond 10 in flight opens a connection that is closed after use)',
    ours: '`poolMaxsize: 100`, `poolBlock: true`: requests beyond 100 per origin wait for a connection',
    reason:
      'requests assumes a thread per request; on an event loop 200 requests in flight are ordinary and waiting costs no thread.',
  },
  {
    id: 'requests-default-timeout',
    package: 'requests',
    python: 'no timeout unless given: a silent server hangs the caller forever',
    ours: "`DEFAULT_TIMEOUT` = 10 s connect, 30 s read; `timeout: null` restores requests' behaviour",
    reason: "requests' most reported pitfall; the suite passes `timeout: null` so both sides wait alike.",
  },
  {
    id: 'requests-milliseconds',
    package: 'requests',
    python: 'durations in seconds (`timeout=2.5`, `elapsed` a timedelta)',
    ours: 'durations in milliseconds (`timeout: 2_500`, `elapsed` a number of ms)',
    reason: "Node's idiom; the suite converts when it runs a scenario.",
  },
  {
    id: 'requests-basic-auth-utf8',
    package: 'requests',
    python: 'Basic auth credentials encoded as latin-1',
    ours: 'encoded as UTF-8',
    reason: 'RFC 7617 §2.1 charset=UTF-8; latin-1 cannot encode most passwords.',
  },
  {
    id: 'requests-error-messages',
    package: 'requests',
    python:
      'exception messages from urllib3 (`HTTPConnectionPool(host=..., port=...): Max retries exceeded ...`)',
    ours: 'messages of our own wording, with URL credentials and query values redacted',
    reason:
      'the class (and so `instanceof` and `code`) is the contract; messages never carry secrets (see "Secrets are redacted").',
    fields: ['error.message'],
    scenarios: ['errors/', 'timeouts/', 'retries/', 'redirect/too-many', 'tls/'],
  },
  {
    id: 'requests-tls13-client-cert-required',
    package: 'requests',
    python:
      'a server that requires a client certificate the request lacks raises `SSLError` (TLS 1.3 alert `certificate required`)',
    ours: '`ConnectionError` (`Connection aborted: other side closed`)',
    reason:
      "not a choice but a limit: in TLS 1.3 the server's alert arrives after the handshake and undici reports the closed socket before Node surfaces the alert, so the cause is not visible to @x/pool's error mapping.",
    fields: ['error.class'],
    scenarios: ['tls/client-cert-missing'],
  },
  {
    id: 'requests-charset-names',
    package: 'requests',
    python: '`apparent_encoding` from charset_normalizer (Python codec names such as `cp932`, `cp1250`)',
    ours: '`apparentEncoding` from the `chardet` package (WHATWG/ICU names such as `Shift_JIS`, `ISO-8859-1`)',
    reason:
      'two detectors; names differ and on short or ambiguous input the guess may too. The decoded text is compared separately.',
    fields: ['apparent_encoding'],
    scenarios: ['encoding/'],
  },
  // ------------------------------------------------------------------ @x/oauth2 (Authlib): token lifecycle
  {
    id: 'oauth2-renewal-failure-in-leeway',
    package: 'oauth2',
    python:
      '`ensure_active_token` raises when the refresh fails, for every request, even while the access token is still valid',
    ours: 'inside the leeway window the valid token stays in use and the renewal is retried after a backoff (exponential, jitter); only an expired token fails',
    reason:
      'a token endpoint down for a moment must not turn into API errors up to a minute early, nor into a renewal per request (issue 12).',
  },
  {
    id: 'oauth2-lazy-first-token',
    package: 'oauth2',
    python: 'a request before `fetch_token()` raises `MissingTokenError`',
    ours: "with `grantType: 'client_credentials'` and a known token endpoint, the first request (or `ensureActiveToken()`) fetches the token",
    reason:
      'the session has everything the grant needs; service clients should not have to call fetchToken first (issue 14).',
  },
  {
    id: 'oauth2-guessed-grant-not-remembered',
    package: 'oauth2',
    python:
      "a guessed grant type is stored in `metadata['grant_type']` and used by every later `fetch_token()`",
    ours: 'only the `grantType` option is used by later calls; a guess applies to its own call',
    reason: 'a `fetchToken()` for another grant must not be sent with the grant an earlier call guessed.',
  },
  {
    id: 'oauth2-single-flight-fetch-token',
    package: 'oauth2',
    python: 'concurrent `fetch_token()` calls each send a token request',
    ours: 'concurrent `fetchToken()` calls with the same arguments share one request and its result',
    reason:
      'on an event loop many callers start at once; five token requests for one token is waste (issue 14).',
  },
  {
    id: 'oauth2-request-error-instanceof',
    package: 'oauth2',
    python:
      "a network failure at the token endpoint propagates as requests' exception (`ConnectionError`, `Timeout`)",
    ours: 'an `OAuthRequestError` (an `OAuthError`) that is also `instanceof` the `@x/requests` error it wraps, kept as `cause`',
    reason:
      'catchable both as an OAuth failure and by retry logic keyed on ConnectionError/Timeout (issue 14).',
  },
  // ------------------------------------------------------------------ @x/oauth2 (Authlib)
  {
    id: 'oauth2-http-client',
    package: 'oauth2',
    python: 'requests underneath: `User-Agent: python-requests/<version>`, `Accept-Encoding: gzip, deflate`',
    ours: '@x/requests underneath: `User-Agent: x-requests/<version>`, `Accept-Encoding: gzip, deflate, br, zstd`',
    reason: 'the HTTP layer below is ours (see @x/requests).',
    fields: ['sent.headers.user-agent', 'sent.headers.accept-encoding'],
    everywhere: true,
  },
  {
    id: 'oauth2-form-charset',
    package: 'oauth2',
    python:
      'token, revocation and introspection requests say `Content-Type: application/x-www-form-urlencoded;charset=UTF-8`',
    ours: '`Content-Type: application/x-www-form-urlencoded`',
    reason:
      'the media type has no charset parameter (the WHATWG URL standard fixes UTF-8); RFC 6749 §4.1.3 examples send none.',
    fields: ['sent.headers.content-type'],
    everywhere: true,
  },
  {
    id: 'oauth2-accept-json',
    package: 'oauth2',
    python: 'revocation and introspection requests send `Accept: */*` (token requests `application/json`)',
    ours: '`Accept: application/json` on every endpoint call',
    reason:
      'every one of these endpoints answers JSON (RFC 7009 §2.2, RFC 7662 §2.2); saying so is harmless.',
    fields: ['sent.headers.accept'],
    scenarios: ['revoke/', 'introspect/'],
  },
  {
    id: 'oauth2-revocation-auth-method',
    package: 'oauth2',
    python:
      '`revoke_token` authenticates with `revocation_endpoint_auth_method` (default `client_secret_basic`), whatever `token_endpoint_auth_method` says',
    ours: '`revokeToken` authenticates the way the token endpoint does (`tokenEndpointAuthMethod`)',
    reason:
      "one client, one registered authentication method (RFC 7009 §2.1 reuses the token endpoint's); a client registered for `client_secret_post` is not refused at revocation.",
    fields: ['sent.headers.authorization', 'sent.headers.content-length', 'sent.body'],
    scenarios: ['revoke/client-secret-post'],
  },
  {
    id: 'oauth2-body-placement-form',
    package: 'oauth2',
    python:
      "`token_placement='body'` appends `access_token=` to the body but sets no `Content-Type` when the request had no form, so the server does not read it (Keycloak answers 401)",
    ours: "`tokenPlacement: 'body'` sends the token as an `application/x-www-form-urlencoded` body (RFC 6750 §2.2)",
    reason: 'RFC 6750 §2.2 requires the form content type; without it the token is not a form parameter.',
    fields: ['value.status', 'value.json.*'],
    scenarios: ['keycloak/userinfo-body'],
  },
]
