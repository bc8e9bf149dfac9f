// Loads the installed tarballs through `require()` (Node >= 22.19 requires ES modules synchronously).
const pool = require('@x/pool')
const requests = require('@x/requests')
const oauth2 = require('@x/oauth2')
const { scenario } = require('./scenario.mjs')

scenario('cjs', { pool, requests, oauth2 }).catch((error) => {
  console.error(error)
  process.exitCode = 1
})
