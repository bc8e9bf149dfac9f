import { expect, test } from 'vitest'
import { compare, fieldOf } from '../src/compare.js'

test('an unlisted difference fails, a listed one is accepted, an `everywhere` one leaves the scenario agreeing', () => {
  const base = {
    steps: [{ status: 200, headers: { a: '1' } }],
    sent: [{ headers: { 'user-agent': 'python-requests/2' } }],
  }
  expect(compare('x/y', 'requests', base, structuredClone(base)).outcome).toBe('agree')

  const status = structuredClone(base)
  status.steps[0]!.status = 201
  const differ = compare('x/y', 'requests', base, status)
  expect(differ.outcome).toBe('differ')
  expect(differ.diffs.map((d) => [d.key, d.python, d.ours])).toEqual([['steps[0].status', 200, 201]])

  const ua = structuredClone(base)
  ua.sent[0]!.headers['user-agent'] = 'x-requests/0.1.0'
  const everywhere = compare('x/y', 'requests', base, ua)
  expect(everywhere.outcome).toBe('agree')
  expect(everywhere.diffs[0]?.accepted?.id).toBe('requests-user-agent')

  const url = { steps: [{ url: 'http://u:p@h/' }] }
  expect(compare('auth/url-credentials', 'requests', url, { steps: [{ url: 'http://h/' }] }).outcome).toBe(
    'accepted',
  )
  expect(compare('other/scenario', 'requests', url, { steps: [{ url: 'http://h/' }] }).outcome).toBe('differ')
  expect(compare('auth/url-credentials', 'pool', url, { steps: [{ url: 'http://h/' }] }).outcome).not.toBe(
    'accepted',
  )
})

test('a key missing on one side is a difference (null on the other side is not)', () => {
  expect(compare('x', 'requests', { a: 1 }, {}).outcome).toBe('differ')
  expect(compare('x', 'requests', { a: null, b: 1 }, { b: 1 }).outcome).toBe('agree')
  expect(fieldOf('steps[2].json.headers.Content-Length')).toBe('json.headers.Content-Length')
})
