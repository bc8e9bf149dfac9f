import fc from 'fast-check'
import { expect, test } from 'vitest'
import { redactUrl } from '@x/pool'
import { redactSnippet } from '../src/redact.js'

const secret = fc.stringMatching(/^[A-Za-z0-9_-]{32,64}$/)

test('a token-like value never survives redaction, wherever it sits in the body', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 80 }),
      secret,
      fc.string({ maxLength: 80 }),
      (before, value, after) => {
        expect(redactSnippet(`${before} ${value} ${after}`, 400)).not.toContain(value)
        expect(redactSnippet(JSON.stringify({ note: before, access_token: value }), 400)).not.toContain(value)
      },
    ),
  )
})

test('secret fields are redacted even when short, other text is kept and cut to the limit', () => {
  expect(redactSnippet('{"error":"x","refresh_token":"abc"}')).toBe(
    '{"error":"x","refresh_token":"[REDACTED]"}',
  )
  expect(redactSnippet('code=short&state=ok')).toBe('code=[REDACTED]&state=ok')
  expect(redactSnippet('<html>\n  <body>Bad   Gateway</body>\n</html>')).toBe(
    '<html> <body>Bad Gateway</body> </html>',
  )
  expect(redactSnippet('x'.repeat(10) + ' y'.repeat(200), 50)).toHaveLength(51)
})

// The stack's one policy, from @x/pool: credentials removed, query values redacted, fragment dropped.
test('redactUrl hides credentials, query values and fragments', () => {
  expect(redactUrl('https://user:pw@op.example/cb?code=SECRET&state=s#access_token=T')).toBe(
    'https://op.example/cb?code=[REDACTED]&state=[REDACTED]',
  )
  expect(redactUrl('not a url')).toBe('not a url')
})
