// Loads the installed tarballs through `import`.
import * as oauth2 from '@x/oauth2'
import * as pool from '@x/pool'
import * as oauth2Redis from '@x/oauth2-redis'
import * as requests from '@x/requests'
import * as testing from '@x/requests/testing'
import * as redis from 'redis'
import { checkOauth2Redis } from './oauth2-redis.mjs'
import { scenario } from './scenario.mjs'

await scenario('esm', { pool, requests, oauth2, testing })
await checkOauth2Redis('esm', { oauth2Redis, redis })
