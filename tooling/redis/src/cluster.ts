import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { RedisToolError } from './errors.ts'
import { ensureRedis } from './install.ts'
import { RedisServer } from './server.ts'

/**
 * A local Redis Cluster: `size` (default 3) masters without replicas on free loopback ports, the 16384 slots
 * spread by `redis-cli --cluster create`. Waits until every node reports `cluster_state:ok`.
 */
export class RedisCluster {
  readonly nodes: readonly RedisServer[]
  readonly dir: string

  private constructor(nodes: RedisServer[], dir: string) {
    this.nodes = nodes
    this.dir = dir
  }

  static async start(
    options: { size?: number; log?: ((line: string) => void) | undefined } = {},
  ): Promise<RedisCluster> {
    const size = options.size ?? 3
    const bin = ensureRedis({ log: options.log })
    const dir = mkdtempSync(join(tmpdir(), 'xstack-redis-cluster-'))
    const nodes: RedisServer[] = []
    const cluster = new RedisCluster(nodes, dir)
    try {
      for (let i = 0; i < size; i++)
        nodes.push(await RedisServer.start({ cluster: true, dir, log: options.log }))
      const addresses = nodes.map((node) => `127.0.0.1:${node.port}`)
      const create = spawnSync(
        bin.cli,
        ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'],
        { encoding: 'utf8', timeout: 60_000 },
      )
      if (create.status !== 0) {
        throw new RedisToolError(
          `redis-cli --cluster create failed: ${(create.stderr || create.stdout).trim()}`,
        )
      }
      await cluster.waitReady()
      return cluster
    } catch (error) {
      await cluster.stop()
      throw error
    }
  }

  /** Waits until every node sees the whole cluster and says `cluster_state:ok`. */
  async waitReady(timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const ok = this.nodes.every((node) => {
        try {
          return /cluster_state:ok/.test(node.cli('CLUSTER', 'INFO'))
        } catch {
          return false
        }
      })
      if (ok) return
      if (Date.now() > deadline)
        throw new RedisToolError(`the Redis cluster was not ready within ${timeoutMs} ms`)
      await sleep(100)
    }
  }

  /** `redis://127.0.0.1:port` of every node (the root nodes a cluster client starts from). */
  get urls(): string[] {
    return this.nodes.map((node) => node.url)
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) await node.stop()
    rmSync(this.dir, { recursive: true, force: true })
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop()
  }
}
