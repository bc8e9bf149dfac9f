/** Every client, in the order rounds alternate through them. */
import { loadOurs, type OursLoaded } from './ours.ts'
import { axiosClient, gotClient, kyClient, nodeFetchClient } from './popular.ts'
import { nodeHttp } from './node-http.ts'
import { rawNet } from './raw-net.ts'
import type { ClientFactory } from './types.ts'
import { undiciDispatch, undiciFetch, undiciRequest } from './undici.ts'

export const PEERS: ClientFactory[] = [
  rawNet,
  nodeHttp,
  undiciRequest,
  undiciDispatch,
  undiciFetch,
  axiosClient,
  gotClient,
  nodeFetchClient,
  kyClient,
]

export const BASELINE_KEY = 'undici-request'

export async function allClients(): Promise<OursLoaded> {
  const ours = await loadOurs()
  return { ...ours, factories: [...PEERS, ...ours.factories] }
}

export async function clientByKey(key: string): Promise<ClientFactory> {
  const peer = PEERS.find((f) => f.key === key)
  if (peer !== undefined) return peer
  const { factories, skipped } = await loadOurs(key)
  const found = factories.find((f) => f.key === key)
  if (found !== undefined) return found
  const reason = skipped.find((s) => s.key === key)?.reason ?? 'unknown client'
  throw new Error(`${key}: ${reason}`)
}
