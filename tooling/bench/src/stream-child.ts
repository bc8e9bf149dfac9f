/**
 * One streamed download in a fresh process: `node --expose-gc stream-child.ts <client> <origin> <bytes>`.
 * Prints {bytes, seconds, baseline, peak} so RSS growth belongs to this client alone.
 */
import { PeakTracker } from './child.ts'
import { clientByKey } from './clients/index.ts'

const [key = '', origin = '', total = '0'] = process.argv.slice(2)
const factory = await clientByKey(key)
const client = await factory.create(origin, 1)
// Loads the client's code paths before the baseline, so growth is the download's, not the first import's.
await client.stream('/stream/1048576')
const tracker = new PeakTracker()
const start = performance.now()
const bytes = await client.stream(`/stream/${total}`)
const seconds = (performance.now() - start) / 1000
const peak = tracker.stop()
await client.close()
if (bytes !== Number(total)) throw new Error(`${key}: streamed ${bytes} of ${total} bytes`)
process.stdout.write(`${JSON.stringify({ bytes, seconds, baseline: tracker.baseline, peak })}\n`)
process.exit(0)
