// OpenTelemetry on the stack's TracingChannels (issue 16): the root README shows this bridge. A context
// manager on an AsyncLocalStorage this code owns, so each channel's `start` can bind it (`bindStore`) and make
// its span current while the traced call runs; undici's instrumentation then parents its spans on ours.
import { AsyncLocalStorage } from 'node:async_hooks'
import type { TracingChannel } from 'node:diagnostics_channel'
import {
  type Context,
  type ContextManager,
  ROOT_CONTEXT,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api'

export class AlsContextManager implements ContextManager {
  readonly als = new AsyncLocalStorage<Context>()
  active(): Context {
    return this.als.getStore() ?? ROOT_CONTEXT
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    context: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    return this.als.run(context, () => fn.apply(thisArg, args))
  }
  bind<T>(context: Context, target: T): T {
    if (typeof target !== 'function') return target
    const als = this.als
    return function (this: unknown, ...args: unknown[]) {
      return als.run(context, () => (target as (...a: unknown[]) => unknown).apply(this, args))
    } as T
  }
  enable(): this {
    return this
  }
  disable(): this {
    this.als.disable()
    return this
  }
}

/** Makes a span per traced call of `channel`, current while the call runs; returns an unsubscribe function. */
export function bridge<C extends object>(
  channel: TracingChannel<object, C>,
  tracer: Tracer,
  manager: AlsContextManager,
  name: (context: C) => string,
  attributes: (context: C) => Record<string, string | number | boolean | undefined>,
): () => void {
  const spans = new WeakMap<object, Span>()
  channel.start.bindStore(manager.als, (ctx) => {
    const parent = manager.active()
    const span = tracer.startSpan(name(ctx as C), { attributes: attributes(ctx as C) }, parent)
    spans.set(ctx as object, span)
    return trace.setSpan(parent, span)
  })
  const handlers = {
    start() {},
    end() {},
    asyncStart() {},
    asyncEnd(ctx: C) {
      // some context fields are only known once the call settled (renewal, waiters)
      spans.get(ctx)?.setAttributes(attributes(ctx)).end()
    },
    error(ctx: C) {
      const span = spans.get(ctx)
      const error = (ctx as { error?: unknown }).error
      if (error instanceof Error) span?.recordException(error)
      span?.setStatus({ code: SpanStatusCode.ERROR })
    },
  }
  channel.subscribe(handlers)
  return () => {
    channel.unsubscribe(handlers)
    channel.start.unbindStore(manager.als)
  }
}
