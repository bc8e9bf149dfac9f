#!/usr/bin/env node
// Redis for the @x stack: `node tooling/redis/src/cli.ts <command>` (Node >= 22.18 strips the types).
import { RedisCluster } from './cluster.ts'
import { runToolCli } from '@x/testserver/tool-cli'
import { RedisToolError } from './errors.ts'
import { ensureRedis } from './install.ts'
import { RedisServer, stopDetached } from './server.ts'

const USAGE = `usage: node tooling/redis/src/cli.ts <command>
  install              install Debian's redis-server when missing (root, apt-get); prints the binaries' paths
  start                start redis-server on a free 127.0.0.1 port (in memory, temp folder), leave it running;
                       prints REDIS_URL=..., REDIS_PID=..., REDIS_DIR=...
  stop PID PORT DIR    stop what start printed and remove its folder
  cluster-check        start a 3-node cluster, print its URLs and slot map, stop it`

const info = (line: string) => process.stderr.write(`redis: ${line}\n`)

async function main(command: string, rest: string[]): Promise<number | undefined> {
  switch (command) {
    case 'install': {
      const bin = ensureRedis({ log: info })
      process.stdout.write(`${bin.server}\n${bin.cli}\n`)
      return 0
    }
    case 'start': {
      const server = await RedisServer.start({ detached: true, log: info })
      process.stdout.write(`REDIS_URL=${server.url}\nREDIS_PID=${server.pid}\nREDIS_DIR=${server.dir}\n`)
      return 0
    }
    case 'stop': {
      const [pid, port, dir] = rest
      if (!pid || !port || !dir) {
        process.stderr.write(`${USAGE}\n`)
        return 2
      }
      info((await stopDetached(Number(pid), Number(port), dir)) ? 'stopped' : 'not running')
      return 0
    }
    case 'cluster-check': {
      const cluster = await RedisCluster.start({ log: info })
      try {
        process.stdout.write(
          `${cluster.urls.join(' ')}\n${cluster.nodes[0]?.cli('CLUSTER', 'SHARDS') ?? ''}\n`,
        )
      } finally {
        await cluster.stop()
      }
      return 0
    }
    default:
      return undefined
  }
}

runToolCli({
  usage: USAGE,
  info,
  run: main,
  isToolFailure: (error) => error instanceof RedisToolError,
  logTailTitle: 'last lines',
})
