// Issue 14: on an unsupported Node the import failed with undici's `Cannot read properties of undefined (reading
// 'bind')`. A child process that reports Node 20 loads the check (src/node-version.ts, which has no imports so plain
// node runs it from source) and must get a message naming the version; index.ts imports the check first.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { expect, test } from 'vitest'

const entry = fileURLToPath(new URL('../src/node-version.ts', import.meta.url))

async function importAs(version: string): Promise<string> {
  const script = `Object.defineProperty(process.versions, 'node', { value: '${version}' })
    await import(${JSON.stringify(entry)}).then(() => console.log('loaded'), (e) => console.log(e.code, e.message))`
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script])
  return stdout.trim()
}

test('an unsupported Node is refused at import, naming the version needed', async () => {
  expect(await importAs('20.20.2')).toBe(
    'ERR_X_UNSUPPORTED_NODE @x/pool (and @x/requests, @x/oauth2 built on it) needs Node.js >= 22.19.0; this is Node.js ' +
      process.version,
  )
  expect(await importAs('22.18.0')).toMatch(/^ERR_X_UNSUPPORTED_NODE .*needs Node\.js >= 22\.19\.0/)
  expect(await importAs('22.19.0')).toBe('loaded')
})

test('index.ts loads the check before anything else (ESM evaluates imports in order)', () => {
  const index = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8')
  expect(index.split('\n').find((line) => line.startsWith('import') || line.startsWith('export'))).toBe(
    "import './node-version.js'",
  )
})
