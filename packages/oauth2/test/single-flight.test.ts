import { describe, expect, test } from 'vitest'
import { SingleFlight } from '../src/single-flight.js'

/** A call the test settles by hand, recording the signal it was started with. */
function deferred() {
  const calls: Array<{ signal: AbortSignal; resolve: (v: string) => void; reject: (e: unknown) => void }> = []
  const start = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ signal, resolve, reject })
      signal.addEventListener('abort', () => reject(signal.reason), { once: true })
    })
  return { calls, start }
}

describe('SingleFlight', () => {
  test('callers with the same key share one call and its result; other keys and later calls start their own', async () => {
    const flights = new SingleFlight<string>()
    const { calls, start } = deferred()
    const a = flights.run('k', undefined, start)
    const b = flights.run('k', undefined, start)
    const c = flights.run('other', undefined, start)
    expect(calls).toHaveLength(2)
    calls[0]!.resolve('shared')
    calls[1]!.resolve('own')
    expect(await Promise.all([a, b, c])).toEqual(['shared', 'shared', 'own'])
    expect(flights.has('k')).toBe(false)
    void flights.run('k', undefined, start)
    expect(calls).toHaveLength(3)
    calls[2]!.resolve('x')
  })

  test('one caller’s abort ends its own wait only; the call goes on for the others', async () => {
    const flights = new SingleFlight<string>()
    const { calls, start } = deferred()
    const leaving = new AbortController()
    const a = flights.run('k', leaving.signal, start)
    const b = flights.run('k', new AbortController().signal, start)
    leaving.abort(new Error('left'))
    await expect(a).rejects.toThrow('left')
    expect(calls[0]!.signal.aborted).toBe(false)
    calls[0]!.resolve('done')
    await expect(b).resolves.toBe('done')
  })

  test('when every caller has gone the call is aborted, and the next caller starts afresh', async () => {
    const flights = new SingleFlight<string>()
    const { calls, start } = deferred()
    const one = new AbortController()
    const two = new AbortController()
    const a = flights.run('k', one.signal, start)
    const b = flights.run('k', two.signal, start)
    one.abort(new Error('one'))
    two.abort(new Error('two'))
    await expect(a).rejects.toThrow('one')
    await expect(b).rejects.toThrow('two')
    expect(calls[0]!.signal.aborted).toBe(true)
    expect(flights.has('k')).toBe(false)
    const c = flights.run('k', undefined, start)
    expect(calls).toHaveLength(2)
    calls[1]!.resolve('again')
    await expect(c).resolves.toBe('again')
  })

  test('a caller without a signal pins the call: others leaving never abort it', async () => {
    const flights = new SingleFlight<string>()
    const { calls, start } = deferred()
    const leaving = new AbortController()
    const a = flights.run('k', leaving.signal, start)
    const pinned = flights.run('k', undefined, start)
    leaving.abort(new Error('left'))
    await expect(a).rejects.toThrow('left')
    expect(calls[0]!.signal.aborted).toBe(false)
    calls[0]!.resolve('kept')
    await expect(pinned).resolves.toBe('kept')
  })

  test('an already aborted signal rejects at once without starting a call', async () => {
    const flights = new SingleFlight<string>()
    const { calls, start } = deferred()
    await expect(flights.run('k', AbortSignal.abort(new Error('early')), start)).rejects.toThrow('early')
    expect(calls).toHaveLength(0)
  })
})
