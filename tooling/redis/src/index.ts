// Redis for the @x stack's tests, demos and benchmarks (the CLI in cli.ts and with-redis.sh are thin layers).
export { RedisCluster } from './cluster.ts'
export { RedisToolError } from './errors.ts'
export { ensureRedis, findRedis, REDIS_PACKAGE, type RedisBinaries } from './install.ts'
export { RedisServer, type RedisServerOptions, redisCli } from './server.ts'
