import type { Dispatcher } from 'undici'
import type { AttemptInfo } from './attempt-info.js'
import { BodyQueue } from './body-queue.js'
import { ContentDecoder, parseContentEncoding } from './content-decoder.js'
import { mapError, type Phase } from './error-map.js'
import type { CancelQueued } from './undici-internals.js'
import { channels, publishHeaders } from './events.js'
import { ProtocolError } from './errors/protocol-error.js'
import { ReadTimeoutError } from './errors/read-timeout-error.js'
import { ResponseTooLargeError } from './errors/response-too-large-error.js'
import { currentReset } from './reset-watch.js'
import { HTTPResponse } from './response.js'

/** Called when the undici request settles (end or error), to account for the pool slot. */
export interface SlotOwner {
  /**
   * `ended`: the response completed, so its keep-alive socket is about to be reusable. `overflow`: the request
   * ran on an extra connection (`block: false`), closed after its response.
   */
  release(ended: boolean, overflow: boolean): void
  cancel(handler: ResponseHandler): boolean
}

type Controller = Dispatcher.DispatchController
type RawHeaders = Buffer[] | Record<string, string | string[] | undefined>
/** Statuses whose responses have no content, whatever their Content-Length says (RFC 9110 section 6.4.1). */
const NO_BODY_STATUS = new Set([204, 304])
/**
 * Informational (1xx) heads accepted before the final response. A server may send several (RFC 9110 section
 * 15.2), but an endless stream of them is a way to hold a caller: beyond this, the exchange is a ProtocolError.
 */
export const MAX_INFORMATIONAL = 100

/**
 * The undici dispatch handler behind every request. For preloaded responses it collects body chunks directly
 * (no intermediate stream) and resolves with the finished `HTTPResponse`; for streaming responses it resolves
 * at the response head and feeds a bounded `BodyQueue`, pausing the socket when the reader falls behind.
 */
export class ResponseHandler implements Dispatcher.DispatchHandler {
  #promise: Promise<HTTPResponse> | undefined
  #resolve: ((response: HTTPResponse) => void) | undefined
  #reject: ((error: Error) => void) | undefined
  #info: AttemptInfo
  #slot: SlotOwner | undefined
  #controller: Controller | undefined
  #phase: Phase = 'connect'
  #status = 0
  #reason = ''
  #raw: RawHeaders | undefined
  #chunks: Buffer[] = []
  #bytes = 0
  /** Raw body length from Content-Length (0 for a response without content), or -1 when not framed by it. */
  #expected = -1
  /** Neither Content-Length nor chunked: the body ends when the connection closes (RFC 9112 section 6.3). */
  #closeDelimited = false
  #queue: BodyQueue | undefined
  #decoder: ContentDecoder | undefined
  #settled = false
  #rawEnded = false
  #finished = false
  #abortReason: Error | undefined
  #queuedIn: SlotOwner | undefined
  #readTimer: NodeJS.Timeout | undefined
  #cancelQueued: CancelQueued | undefined
  #informational = 0
  /** Set when the request failed on a reused keep-alive socket before any response byte arrived. */
  staleSocket = false
  /** @internal Sent on an extra connection (`block: false` beyond `maxSize`), not on the pool's own. */
  overflow = false
  /**
   * The attempt's outcome. Taken once: the handler lives as long as undici's request (a paused stream), and must
   * not keep the response reachable, or an unread response could never be collected.
   */
  take(): Promise<HTTPResponse> {
    const promise = this.#promise!
    this.#promise = undefined
    return promise
  }

  #settle(response: HTTPResponse | undefined, error: Error | undefined): void {
    const resolve = this.#resolve
    const reject = this.#reject
    this.#resolve = undefined
    this.#reject = undefined
    if (error !== undefined) reject?.(error)
    else resolve?.(response!)
  }

  /** Whether the request started on a connection (a stream body may have been consumed). */
  get bodyTouched(): boolean {
    return this.#phase !== 'connect'
  }

  constructor(info: AttemptInfo, slot: SlotOwner) {
    this.#info = info
    this.#slot = slot
    this.#promise = new Promise<HTTPResponse>((resolve, reject) => {
      this.#resolve = resolve
      this.#reject = reject
    })
  }

  /** @internal The pool refused the request before dispatching it: there is no slot to give back. */
  detach(): void {
    this.#slot = undefined
    this.#queuedIn = undefined
  }

  /** @internal The request waits in a pool queue (block: true) and holds no slot yet. */
  queuedIn(owner: SlotOwner | undefined): void {
    this.#queuedIn = owner
  }

  /**
   * @internal undici's queued-abort hook: how to take this request out of the queue while it waits to connect.
   * Only a request that can be aborted while queued (a signal, a total deadline) has one: see {@link abortable}.
   */
  onQueued: ((cancel: CancelQueued) => void) | undefined = undefined

  /** @internal A signal or a total deadline may abort this attempt: it gets its {@link onQueued} hook. */
  abortable(): void {
    this.onQueued ??= (cancel) => {
      if (this.#abortReason !== undefined) cancel(this.#abortReason)
      else this.#cancelQueued = cancel
    }
  }

  onRequestStart(controller: Controller): void {
    this.#cancelQueued = undefined
    this.#controller = controller
    this.#phase = 'headers'
    if (this.#abortReason !== undefined) controller.abort(this.#abortReason)
    else this.#armRead()
  }

  onBodySent(): void {
    this.#readTimer?.refresh()
  }

  onRequestSent(): void {
    this.#readTimer?.refresh()
  }

  /**
   * The read timeout runs on a native timer, refreshed on each chunk: undici's headersTimeout/bodyTimeout (still
   * set, as a backstop) run on a coarse clock that fires up to ~1 s late. Suspended while the body is paused for
   * a slow reader, as undici's is.
   */
  #armRead(): void {
    if (this.#readTimer !== undefined) this.#readTimer.refresh()
    else this.#readTimer = setTimeout(this.#onReadTimeout, this.#info.readTimeout).unref()
  }

  #disarmRead(): void {
    if (this.#readTimer === undefined) return
    clearTimeout(this.#readTimer)
    this.#readTimer = undefined
  }

  #onReadTimeout = (): void => {
    this.#readTimer = undefined
    if (this.#finished || this.#rawEnded) return
    const { label, readTimeout } = this.#info
    this.#controller?.abort(new ReadTimeoutError(`Read timed out after ${readTimeout} ms (${label})`))
  }

  /**
   * Never pauses once the last byte of a Content-Length body has arrived: nothing is left to hold back, and a
   * paused parser has not yet reached the end of the message. undici treats a server closing a keep-alive socket
   * then (which RFC 9112 section 9.6 allows) as "other side closed" while its parser is paused, so the complete
   * response would fail with IncompleteRead. Decoding and the reader go on from what was received: at most this
   * last chunk more than a pause would have buffered.
   */
  #pauseSocket(controller: Controller): void {
    if (this.#bytes === this.#expected) return
    this.#disarmRead()
    controller.pause()
  }

  #resumeSocket(controller: Controller): void {
    if (this.#finished || this.#rawEnded) return
    this.#armRead()
    controller.resume()
  }

  onResponseStart(
    controller: Controller,
    status: number,
    headers: Record<string, string | string[] | undefined>,
    statusText?: string,
  ): void {
    if (status < 200) {
      this.#onInformational(controller, status)
      return
    }
    this.#phase = 'body'
    this.#readTimer?.refresh()
    this.#status = status
    this.#reason = statusText ?? ''
    const raw = controller.rawHeaders
    this.#raw = Array.isArray(raw) ? (raw as Buffer[]) : headers
    const info = this.#info
    if (channels.headers.hasSubscribers) publishHeaders(info, status)
    // A response to HEAD, a 204 or a 304 has no content: its Content-Length describes another response
    // (RFC 9110 sections 6.4.1, 8.6), so it neither counts against maxResponseSize nor frames a body.
    const bodyless = info.method === 'HEAD' || NO_BODY_STATUS.has(status)
    const length = headers['content-length']
    if (bodyless) this.#expected = 0
    else if (typeof length === 'string') {
      if (Number(length) > info.maxSize) {
        controller.abort(
          new ResponseTooLargeError(`Content-Length ${length} exceeds maxResponseSize ${info.maxSize}`),
        )
        return
      }
      if (headers['transfer-encoding'] === undefined) this.#expected = Number(length)
    } else this.#closeDelimited = headers['transfer-encoding'] === undefined
    const encoding = headers['content-encoding']
    if (encoding !== undefined && info.decode && !bodyless) {
      const codings = parseContentEncoding(Array.isArray(encoding) ? encoding.join(',') : encoding)
      if (codings !== undefined) {
        this.#decoder = new ContentDecoder(codings, info.decodedLimit, this, () =>
          this.#resumeSocket(controller),
        )
      }
    }
    if (!info.preload) {
      const queue = new BodyQueue()
      queue.attach(this)
      this.#queue = queue
      this.#settled = true
      this.#settle(HTTPResponse.fromWire(status, this.#reason, this.#raw, queue, info.url), undefined)
    }
  }

  /**
   * undici hands interim 1xx heads (103 Early Hints, 102 Processing) to `onResponseStart` too: they are skipped,
   * and the final response follows on the same request. They do not restart the read timeout, which bounds the
   * wait for the final head, and at most {@link MAX_INFORMATIONAL} are accepted. A 101 switches protocols: never
   * asked for here, so the connection is refused (undici normally refuses an unrequested upgrade itself).
   */
  #onInformational(controller: Controller, status: number): void {
    const url = this.#info.label
    if (status === 101) {
      controller.abort(
        new ProtocolError(`Unexpected 101 Switching Protocols without an upgrade request (${url})`),
      )
    } else if (++this.#informational > MAX_INFORMATIONAL) {
      controller.abort(
        new ProtocolError(`More than ${MAX_INFORMATIONAL} informational (1xx) responses (${url})`),
      )
    }
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.#readTimer?.refresh()
    this.#bytes += chunk.length
    if (this.#bytes > this.#info.maxSize) {
      controller.abort(
        new ResponseTooLargeError(`Response body exceeds maxResponseSize ${this.#info.maxSize}`),
      )
      return
    }
    if (this.#decoder !== undefined) {
      if (!this.#decoder.write(chunk)) this.#pauseSocket(controller)
    } else if (this.#queue !== undefined) this.#queue.push(chunk)
    else this.#chunks.push(chunk)
  }

  onResponseEnd(): void {
    this.#disarmRead()
    const reset = this.#closeDelimited ? currentReset() : undefined
    if (reset !== undefined) {
      // A reset is not a clean close: the body may be cut anywhere (curl exits 56, urllib3 raises ProtocolError).
      this.#release()
      this.#fail(
        new ProtocolError(`Connection reset before the end of a close-delimited body (${this.#info.label})`, {
          cause: reset,
        }),
      )
      return
    }
    this.#rawEnded = true
    this.#release(true)
    if (this.#decoder !== undefined) this.#decoder.end()
    else this.#complete()
  }

  onResponseError(_controller: Controller | null, error: Error): void {
    this.#disarmRead()
    if (this.#finished) return
    const code = (error as { code?: string }).code
    // undici's 'bad upgrade' / 'bad response' (an unrequested 101, a stray 100) are the server's protocol
    // violations on this exchange, not a kept-alive socket closed under us: never silently retried.
    if (
      this.#phase === 'headers' &&
      code === 'UND_ERR_SOCKET' &&
      !/^bad (upgrade|response)$/.test(error.message)
    ) {
      const socket = (error as { socket?: { bytesRead?: number } }).socket
      this.staleSocket = (socket?.bytesRead ?? 0) > 0
    }
    this.#release()
    this.#fail(this.#abortReason ?? mapError(error, this.#info.label, this.#phase))
  }

  // DecoderSink
  onDecoded(chunk: Buffer): boolean {
    if (this.#queue !== undefined) {
      this.#queue.push(chunk)
      return this.#queue.buffered < 64 * 1024
    }
    this.#chunks.push(chunk)
    return true
  }

  onDecodedEnd(): void {
    this.#complete()
  }

  onDecodeError(error: Error): void {
    if (this.#rawEnded) this.#fail(error)
    else this.#controller?.abort(error)
  }

  // FlowControl for the BodyQueue of a streaming response
  pause(): void {
    if (this.#decoder === undefined && this.#controller !== undefined) this.#pauseSocket(this.#controller)
  }

  resume(): void {
    if (this.#decoder !== undefined) this.#decoder.resume()
    else if (this.#controller !== undefined) this.#resumeSocket(this.#controller)
  }

  /** Aborts the exchange (signal, total deadline, released body); the socket is destroyed, never reused. */
  abort(reason: Error): void {
    if (this.#finished) return
    this.#disarmRead()
    this.#abortReason = reason
    if (this.#rawEnded) {
      this.#fail(reason)
      return
    }
    if (this.#controller !== undefined) {
      this.#controller.abort(reason)
      return
    }
    if (this.#queuedIn?.cancel(this)) {
      this.#slot = undefined // waited in our own queue, never dispatched: no slot to give back
    } else {
      // Waiting for a connection in undici: leave its queue (undici settles the request, the slot comes back,
      // and a connection attempt no request waits for is destroyed).
      const cancel = this.#cancelQueued
      this.#cancelQueued = undefined
      cancel?.(reason)
    }
    if (!this.#settled) {
      // Otherwise, settle now; undici aborts the request as soon as it starts.
      this.#settled = true
      this.#settle(undefined, reason)
    }
  }

  #release(ended = false): void {
    this.#queuedIn = undefined
    const slot = this.#slot
    this.#slot = undefined
    slot?.release(ended, this.overflow)
  }

  #complete(): void {
    if (this.#finished) return
    this.#finished = true
    if (this.#queue !== undefined) {
      this.#queue.end()
      return
    }
    const chunks = this.#chunks
    const body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)
    this.#settled = true
    this.#settle(
      HTTPResponse.fromWire(this.#status, this.#reason, this.#raw!, body, this.#info.url),
      undefined,
    )
  }

  #fail(error: Error): void {
    if (this.#finished) return
    this.#finished = true
    this.#decoder?.destroy()
    if (this.#queue !== undefined) {
      this.#queue.fail(error)
      return
    }
    if (!this.#settled) {
      this.#settled = true
      this.#settle(undefined, error)
    }
  }
}
