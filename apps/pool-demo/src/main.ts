// @x/pool demo: the seed (a GET with a PoolManager), then retries, streaming and pool stats.
// Usage: node src/main.ts [base-url]   (default: a local httpbin started here, from @x/testserver)
import { MaxRetryError, PoolManager, Retry } from '@x/pool'
import { startHttpbin } from '@x/testserver'

async function main(): Promise<void> {
  const given = process.argv[2]
  const server = given === undefined ? await startHttpbin() : undefined
  const base = (given ?? server!.url).replace(/\/$/, '')
  const pm = new PoolManager({ maxSize: 4, retries: 3, timeout: { connect: 5_000, read: 10_000 } })
  try {
    // The seed
    const resp = await pm.request('GET', `${base}/get`)
    console.log(`GET ${base}/get -> ${resp.status} ${resp.reason}`)

    // Retries: 503 is in the force list, so it is retried (with backoff) until the budget is spent.
    const retries = new Retry({ total: 2, statusForcelist: [503], backoffFactor: 50 })
    try {
      await pm.request('GET', `${base}/status/503`, { retries })
    } catch (error) {
      if (!(error instanceof MaxRetryError)) throw error
      const statuses = error.history.map((h) => h.status).join(', ')
      console.log(
        `retries: gave up after ${error.history.length} attempts (${statuses}): ${error.reason?.message}`,
      )
    }
    const redirected = await pm.request('GET', `${base}/redirect/2`)
    console.log(
      `redirects: ${redirected.status} at ${redirected.url} after ${redirected.retries?.history.length} hops`,
    )

    // Streaming: the body arrives in chunks, with backpressure, without being buffered whole.
    const streamed = await pm.request('GET', `${base}/stream-bytes/262144`, { preloadContent: false })
    let chunks = 0
    let bytes = 0
    for await (const chunk of streamed.stream(16 * 1024)) {
      chunks++
      bytes += chunk.length
    }
    console.log(`streaming: ${bytes} bytes in ${chunks} chunks of at most 16 KiB`)

    // Pool stats: 20 concurrent requests share at most maxSize kept connections.
    await Promise.all(Array.from({ length: 20 }, (_, i) => pm.request('GET', `${base}/get?i=${i}`)))
    for (const [origin, stats] of Object.entries(pm.stats())) {
      console.log(`stats ${origin}: ${JSON.stringify(stats)}`)
    }
  } finally {
    await pm.close()
    await server?.close()
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error)
    process.exit(1)
  },
)
