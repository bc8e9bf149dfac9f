import type { HttpClient } from '../../src/http.js'

/** An HttpClient on the global fetch, counting calls per path: core tests run without @x/requests. */
export function fetchHttp(): HttpClient & { calls: Map<string, number> } {
  const calls = new Map<string, number>()
  const client: HttpClient = async (request) => {
    const path = new URL(request.url).pathname
    calls.set(path, (calls.get(path) ?? 0) + 1)
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      redirect: 'manual',
    })
    return { status: response.status, headers: response.headers, text: await response.text(), raw: undefined }
  }
  return Object.assign(client, { calls })
}
