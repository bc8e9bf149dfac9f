/** The part of an undici dispatch controller a streaming body needs. */
export interface FlowControl {
  pause(): void
  resume(): void
  abort(reason: Error): void
}

const HIGH_WATER_MARK = 64 * 1024
/** The chunk list of a queue that ended or failed: never pushed to, never changed. */
const NO_CHUNKS: Buffer[] = []

/**
 * Buffers body chunks between the undici handler and the reader of a streaming response. When more than
 * 64 KiB wait unread, the connection is paused (undici stops reading the socket), so memory stays bounded.
 */
export class BodyQueue {
  #chunks: Buffer[] = []
  #head = 0
  #bytes = 0
  #ended = false
  #error: Error | undefined
  #waiting: { resolve: (chunk: Buffer | null) => void; reject: (error: Error) => void } | undefined
  #flow: FlowControl | undefined
  #paused = false
  #onDone: (() => void) | undefined

  /** Runs `callback` once when the transfer ends or fails (at once if it already did). */
  whenDone(callback: () => void): void {
    if (this.done) callback()
    else this.#onDone = callback
  }

  #finish(): void {
    const callback = this.#onDone
    this.#onDone = undefined
    callback?.()
  }

  /** Bytes buffered and not yet read. */
  get buffered(): number {
    return this.#bytes
  }

  get done(): boolean {
    return this.#ended || this.#error !== undefined
  }

  get ended(): boolean {
    return this.#ended
  }

  attach(flow: FlowControl): void {
    this.#flow = flow
  }

  push(chunk: Buffer): void {
    if (this.done) return
    const waiting = this.#waiting
    if (waiting !== undefined) {
      this.#waiting = undefined
      waiting.resolve(chunk)
      return
    }
    this.#chunks.push(chunk)
    this.#bytes += chunk.length
    if (this.#bytes >= HIGH_WATER_MARK && !this.#paused) {
      this.#paused = true
      this.#flow?.pause()
    }
  }

  end(): void {
    if (this.done) return
    this.#ended = true
    const waiting = this.#waiting
    if (waiting !== undefined && this.#bytes === 0) {
      this.#waiting = undefined
      waiting.resolve(null)
    }
    this.#finish()
  }

  fail(error: Error): void {
    if (this.done) return
    this.#error = error
    this.#chunks = NO_CHUNKS // failed: nothing is pushed any more
    this.#head = 0
    this.#bytes = 0
    const waiting = this.#waiting
    if (waiting !== undefined) {
      this.#waiting = undefined
      waiting.reject(error)
    }
    this.#finish()
  }

  /** Stops the transfer: the connection is destroyed, never reused. */
  abort(reason: Error): void {
    if (this.done) return
    this.#flow?.abort(reason)
    this.fail(reason)
  }

  /** Every remaining chunk when the body already ended (fast path for small bodies), else `undefined`. */
  takeAll(): Buffer[] | undefined {
    if (!this.#ended || this.#error !== undefined) return undefined
    const rest = this.#head === 0 ? this.#chunks : this.#chunks.slice(this.#head)
    this.#chunks = NO_CHUNKS // ended: nothing is pushed any more
    this.#head = 0
    this.#bytes = 0
    return rest
  }

  /** The next chunk, or `null` at the end. Rejects with the transfer error. */
  next(): Promise<Buffer | null> {
    if (this.#head < this.#chunks.length) {
      const chunk = this.#chunks[this.#head]!
      this.#chunks[this.#head++] = undefined as unknown as Buffer
      this.#bytes -= chunk.length
      if (this.#head === this.#chunks.length) {
        this.#chunks.length = 0
        this.#head = 0
      }
      if (this.#paused && this.#bytes < HIGH_WATER_MARK) {
        this.#paused = false
        this.#flow?.resume()
      }
      return Promise.resolve(chunk)
    }
    if (this.#error !== undefined) return Promise.reject(this.#error)
    if (this.#ended) return Promise.resolve(null)
    if (this.#paused) {
      this.#paused = false
      this.#flow?.resume()
    }
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject }
    })
  }
}
