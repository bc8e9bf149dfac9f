import { mkdtempSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { generateCertificates, startHttpServer, startHttpsHttpbin } from '@x/testserver'
import { disposed, httpbinTest } from '@x/testserver/vitest'
import { describe, expect } from 'vitest'
import { Session } from '../src/index.js'

// Issue 13: parity with requests 2.34 (also checked through tooling/oracle).

/** A server answering each path with the body a test set for it: path -> [content-type, bytes]. */
async function startBodyServer() {
  const bodies = new Map<string, [string, Uint8Array]>()
  const server = await startHttpServer((req, res) => {
    const [type, bytes] = bodies.get(req.url ?? '') ?? ['text/plain', new Uint8Array()]
    res.writeHead(200, { 'content-type': type }).end(bytes)
  })
  return Object.assign(server, { bodies })
}

// One httpbin and one body server for the file, each started on first use and closed after the last test.
const test = httpbinTest.extend('raw', { scope: 'file' }, disposed(startBodyServer))

// 日本語 in Shift-JIS, inside an XML document with no charset anywhere.
const SJIS_TEXT =
  '<?xml version="1.0"?><root>日本語のテキストです。これはシフトJISでエンコードされています。東京都</root>'
const sjis = (): Uint8Array => {
  // Node has no Shift-JIS encoder; encode through the decoder's inverse for the characters used.
  const table = new Map<string, number[]>()
  const decoder = new TextDecoder('shift_jis')
  for (let hi = 0x81; hi <= 0x9f; hi++)
    for (let lo = 0x40; lo <= 0xfc; lo++) table.set(decoder.decode(Uint8Array.of(hi, lo)), [hi, lo])
  const out: number[] = []
  for (const ch of SJIS_TEXT) {
    const code = ch.charCodeAt(0)
    if (code < 0x80) out.push(code)
    else out.push(...(table.get(ch) ?? [0x3f]))
  }
  return Uint8Array.from(out)
}

describe('apparentEncoding and text without a declared charset', () => {
  test('the charset detector is loaded only when non-UTF-8 bytes need it', async ({ raw }) => {
    const cache = createRequire(import.meta.url).cache
    const loaded = () => Object.keys(cache).some((k) => k.includes(`${'/'}chardet${'/'}`))
    expect(loaded()).toBe(false)
    raw.bodies.set('/utf8', ['application/xml', Buffer.from('<a>héllo ✓</a>')])
    await using s = new Session()
    const r = await s.get(`${raw.url}/utf8`)
    expect(r.apparentEncoding).toBe('utf-8')
    expect(r.text).toBe('<a>héllo ✓</a>')
    expect(loaded()).toBe(false)
    raw.bodies.set('/sjis', ['application/xml', sjis()])
    const j = await s.get(`${raw.url}/sjis`)
    expect(j.encoding).toBeUndefined()
    expect(new TextDecoder(j.apparentEncoding).decode(j.content)).toBe(SJIS_TEXT)
    expect(loaded()).toBe(true)
  })

  test('a Shift-JIS application/xml body decodes to its text (requests: charset_normalizer)', async ({
    raw,
  }) => {
    raw.bodies.set('/sjis', ['application/xml', sjis()])
    await using s = new Session()
    const r = await s.get(`${raw.url}/sjis`)
    expect(r.apparentEncoding.toLowerCase()).toMatch(/shift_jis|cp932/)
    expect(r.text).toBe(SJIS_TEXT)
  })

  test('ascii and empty bodies: apparentEncoding as charset_normalizer answers', async ({ raw }) => {
    raw.bodies.set('/ascii', ['application/octet-stream', Buffer.from('hello')])
    raw.bodies.set('/empty', ['application/octet-stream', Buffer.alloc(0)])
    await using s = new Session()
    expect((await s.get(`${raw.url}/ascii`)).apparentEncoding).toBe('ascii')
    expect((await s.get(`${raw.url}/empty`)).apparentEncoding).toBe('utf-8')
  })
})

describe('ISO-8859-1 is latin-1, not windows-1252', () => {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i)
  test('text/plain without charset: every byte is its own code point (0x80-0x9F included)', async ({
    raw,
  }) => {
    raw.bodies.set('/latin1', ['text/plain', all])
    await using s = new Session()
    const r = await s.get(`${raw.url}/latin1`)
    expect(r.encoding).toBe('ISO-8859-1')
    expect([...r.text].map((c) => c.charCodeAt(0))).toEqual([...all])
    expect(Buffer.from(r.text, 'latin1').equals(Buffer.from(all))).toBe(true)
  })

  test('charset=latin1 and iterContent({ decodeUnicode }) agree', async ({ raw }) => {
    raw.bodies.set('/latin1b', ['text/plain; charset=latin1', Uint8Array.of(0x80, 0x93, 0x94, 0x97, 0x41)])
    await using s = new Session()
    const r = await s.get(`${raw.url}/latin1b`, { stream: true })
    let text = ''
    for await (const chunk of r.iterContent({ chunkSize: 1, decodeUnicode: true })) text += chunk
    expect(text).toBe('\x80\x93\x94\x97A')
  })

  test('charset=ascii replaces bytes above 0x7F (Python errors="replace")', async ({ raw }) => {
    raw.bodies.set('/ascii-high', ['text/plain; charset=us-ascii', Uint8Array.of(0x41, 0xe9, 0x42)])
    await using s = new Session()
    expect((await s.get(`${raw.url}/ascii-high`)).text).toBe('A\ufffdB')
  })
})

describe('cookies', () => {
  test('a per-request cookie is sent after a jar cookie of the same name (requests: x=jar; x=req)', async ({
    httpbin,
  }) => {
    await using s = new Session()
    await s.get(`${httpbin.url}/cookies/set?x=jar`)
    expect(s.cookies.get('x')).toBe('jar')
    const r = await s.get(`${httpbin.url}/headers`, { cookies: { x: 'req', y: '1' } })
    expect((r.json() as { headers: Record<string, string> }).headers.Cookie).toBe('x=jar; x=req; y=1')
    // the session's jar is not changed by a per-request cookie
    expect(s.cookies.getDict()).toEqual({ x: 'jar' })
  })
})

describe("JSONDecodeError messages as Python's json module words them", () => {
  const cases: [string, string][] = [
    ['', 'Expecting value: line 1 column 1 (char 0)'],
    ['<html>', 'Expecting value: line 1 column 1 (char 0)'],
    ['{"a": 1} x', 'Extra data: line 1 column 10 (char 9)'],
    ["{'a': 1}", 'Expecting property name enclosed in double quotes: line 1 column 2 (char 1)'],
    ['{"a" 1}', "Expecting ':' delimiter: line 1 column 6 (char 5)"],
    ['[1 2]', "Expecting ',' delimiter: line 1 column 4 (char 3)"],
    ['"abc', 'Unterminated string starting at: line 1 column 1 (char 0)'],
    ['"a\\qb"', 'Invalid \\escape: line 1 column 3 (char 2)'],
    ['"\\u12zz"', 'Invalid \\uXXXX escape: line 1 column 3 (char 2)'],
    ['"a\u0001b"', 'Invalid control character at: line 1 column 3 (char 2)'],
    ['\n\n  [1,\n  2 3]', "Expecting ',' delimiter: line 4 column 5 (char 12)"],
    ['["😀", x]', 'Expecting value: line 1 column 7 (char 6)'],
    ['[1,2,]', 'Illegal trailing comma before end of array: line 1 column 5 (char 4)'],
  ]
  test.for(cases)('%j', async ([body, message], { raw }) => {
    const path = `/json-${encodeURIComponent(body)}`
    raw.bodies.set(path, ['application/json', Buffer.from(body)])
    await using s = new Session()
    const r = await s.get(`${raw.url}${path}`)
    expect(() => r.json()).toThrow(expect.objectContaining({ name: 'JSONDecodeError', message }))
  })
})

describe('files read again when they change (issue 13 item 8)', () => {
  test('Session.refreshEnvironment() re-reads an edited .netrc', async ({ httpbin }) => {
    const dir = mkdtempSync(join(tmpdir(), 'netrc-'))
    const file = join(dir, 'netrc')
    writeFileSync(file, 'machine 127.0.0.1 login user password old\n')
    const prev = process.env.NETRC
    process.env.NETRC = file
    try {
      await using s = new Session()
      const url = `${httpbin.url}/basic-auth/user/new`
      expect((await s.get(url)).statusCode).toBe(401)
      writeFileSync(file, 'machine 127.0.0.1 login user password new\n')
      expect((await s.get(url)).statusCode).toBe(401) // the session keeps its snapshot until asked
      s.refreshEnvironment()
      expect((await s.get(url)).statusCode).toBe(200)
    } finally {
      if (prev === undefined) delete process.env.NETRC
      else process.env.NETRC = prev
    }
  })

  test('a CA bundle replaced on disk is read again (certificate rotation)', async () => {
    await using server = await startHttpsHttpbin({ requestCert: false })
    const dir = mkdtempSync(join(tmpdir(), 'ca-'))
    const file = join(dir, 'ca.pem')
    writeFileSync(file, (await generateCertificates()).ca) // another CA: verification fails
    await using s = new Session()
    await expect(s.get(`${server.url}/get`, { verify: file })).rejects.toMatchObject({ name: 'SSLError' })
    writeFileSync(`${file}.new`, server.ca)
    renameSync(`${file}.new`, file)
    await sleep(1100) // files are re-checked at most once a second
    expect((await s.get(`${server.url}/get`, { verify: file })).statusCode).toBe(200)
  })
})
