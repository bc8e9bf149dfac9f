import type { Socket } from 'node:net'

/**
 * The `ECONNRESET` undici is handling right now, if any. undici (and Node's fetch) take a reset on a response
 * without Content-Length or chunking as the end of its body (`client-h1.js`, `onHttpSocketError`), so a body cut
 * by a reset would look complete. undici handles the socket's 'error' synchronously, and ends the response from
 * inside that listener: a listener of ours before undici's sets this, one after it clears it, so a response that
 * ends while it is set ended because of the reset. See issue 12.
 */
let resetting: Error | undefined

const clear = (): void => {
  resetting = undefined
}

const lead = (error: NodeJS.ErrnoException): void => {
  if (error.code !== 'ECONNRESET') return
  resetting = error
  queueMicrotask(clear) // in case a listener in between throws
}

/**
 * Hands `socket` to undici through `handOver` (which adds undici's listeners synchronously) with a listener of
 * ours on each side of undici's 'error' listener.
 */
export function handOverWatchingResets(socket: Socket, handOver: () => void): void {
  socket.on('error', lead)
  handOver()
  socket.on('error', clear)
}

/** The reset that is ending the current response, when its end comes from a reset rather than a clean close. */
export function currentReset(): Error | undefined {
  return resetting
}
