// Loads the installed tarballs through `require()` (Node >= 22.19 requires ES modules synchronously).
const pool = require('@x/pool')
const requests = require('@x/requests')
const oauth2 = require('@x/oauth2')
const oauth2Redis = require('@x/oauth2-redis')
const redis = require('redis')
const testing = require('@x/requests/testing')
const { scenario } = require('./scenario.mjs')
const { checkOauth2Redis } = require('./oauth2-redis.mjs')

scenario('cjs', { pool, requests, oauth2, testing })
  .then(() => checkOauth2Redis('cjs', { oauth2Redis, redis }))
  .catch((error) => {
    console.error(error)
    process.exitCode = 1
  })
