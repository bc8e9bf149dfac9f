#!/usr/bin/env node
// Redis for the @x stack: `node tooling/redis/src/cli.ts <command>` (Node >= 22.18 strips the types).
import { RedisCluster } from './cluster.ts'
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

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
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
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(`${USAGE}\n`)
      return command === undefined ? 2 : 0
    default:
      process.stderr.write(`unknown command: ${command}\n${USAGE}\n`)
      return 2
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof RedisToolError) {
      info(error.message)
      if (error.logTail) process.stderr.write(`----- last lines -----\n${error.logTail}\n-----\n`)
    } else {
      info(error instanceof Error ? (error.stack ?? error.message) : String(error))
    }
    process.exitCode = 1
  },
)
