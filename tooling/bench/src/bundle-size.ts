/**
 * Bundle size: what one import costs an app that bundles, measured with esbuild (bundled, dependencies inlined,
 * minified, ESM for Node, Node built-ins external), raw and gzipped. Tree-shaking decides how much of a package
 * a named import pulls in, so `{ get }` and `* as requests` are measured apart.
 */
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)))

/** Each entry as an app writes it. */
export const BUNDLE_ENTRIES: ReadonlyArray<{ label: string; code: string }> = [
  { label: 'undici { request }', code: "export { request } from 'undici'" },
  { label: 'axios (default)', code: "export { default } from 'axios'" },
  { label: 'got (default)', code: "export { default } from 'got'" },
  { label: 'ky (default)', code: "export { default } from 'ky'" },
  { label: 'openid-client *', code: "export * from 'openid-client'" },
  { label: 'oauth4webapi *', code: "export * from 'oauth4webapi'" },
  { label: '@x/requests { get }', code: "export { get } from '@x/requests'" },
  {
    label: '@x/requests * as requests',
    code: "import * as requests from '@x/requests'; export { requests }",
  },
  { label: '@x/pool { PoolManager }', code: "export { PoolManager } from '@x/pool'" },
  { label: '@x/pool { Retry }', code: "export { Retry } from '@x/pool'" },
  { label: '@x/oauth2 { OAuth2Session }', code: "export { OAuth2Session } from '@x/oauth2'" },
]

export interface BundleOutcome {
  label: string
  minKiB: number
  gzipKiB: number
  skipped?: string
}

export async function runBundleSizes(): Promise<BundleOutcome[]> {
  let esbuild: typeof import('esbuild')
  try {
    esbuild = await import('esbuild')
  } catch (error) {
    const reason = `esbuild not available: ${(error as Error).message.split('\n')[0]}`
    return BUNDLE_ENTRIES.map(({ label }) => ({ label, minKiB: 0, gzipKiB: 0, skipped: reason }))
  }
  const out: BundleOutcome[] = []
  for (const { label, code } of BUNDLE_ENTRIES) {
    try {
      const result = await esbuild.build({
        stdin: { contents: code, resolveDir: BENCH_DIR, loader: 'js' },
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'node',
        target: 'node22',
        write: false,
        logLevel: 'silent',
      })
      const bytes = result.outputFiles[0]?.contents ?? new Uint8Array()
      out.push({
        label,
        minKiB: bytes.byteLength / 1024,
        gzipKiB: gzipSync(bytes, { level: 9 }).byteLength / 1024,
      })
    } catch (error) {
      out.push({ label, minKiB: 0, gzipKiB: 0, skipped: (error as Error).message.split('\n')[0] ?? 'failed' })
    }
  }
  return out
}
