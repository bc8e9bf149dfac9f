import { readFileSync, statSync } from 'node:fs'

/** A file's text and the stat signature (mtime, size, inode) it was read at. */
interface Entry {
  text: string
  signature: string
  checkedAt: number
}

const files = new Map<string, Entry>()

/** Files are stat'ed again at most this often (ms): a hot request path does not pay a syscall per request. */
export const RECHECK_INTERVAL = 1000

/**
 * The text of `path`, read again when its mtime, size or inode changed (a rotated certificate, an edited
 * `.netrc`), checked at most once per {@link RECHECK_INTERVAL} unless `recheck` is set. Throws the fs error.
 */
export function readFileFresh(
  path: string,
  recheck = false,
  now = Date.now(),
): { text: string; signature: string } {
  const cached = files.get(path)
  if (cached && !recheck && now - cached.checkedAt < RECHECK_INTERVAL) return cached
  const st = statSync(path)
  const signature = `${st.mtimeMs}:${st.size}:${st.ino}`
  if (cached && cached.signature === signature) {
    cached.checkedAt = now
    return cached
  }
  const entry = { text: readFileSync(path, 'utf8'), signature, checkedAt: now }
  files.set(path, entry)
  return entry
}

/** Forget every cached file. */
export function clearFileCache(): void {
  files.clear()
}
