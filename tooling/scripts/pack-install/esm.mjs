// Loads the installed tarballs through `import`.
import * as oauth2 from '@x/oauth2'
import * as pool from '@x/pool'
import * as requests from '@x/requests'
import { scenario } from './scenario.mjs'

await scenario('esm', { pool, requests, oauth2 })
