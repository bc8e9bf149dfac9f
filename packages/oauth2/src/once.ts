/** A value built on first use and kept: importing a module builds none of its schemas (issue 11 item 3). */
export function once<T>(build: () => T): () => T {
  let value: T | undefined
  return () => {
    value ??= build()
    return value
  }
}
