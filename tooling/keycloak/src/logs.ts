import { existsSync, readFileSync } from 'node:fs'

/** The last `lines` lines of the log file, or '' when there is none. */
export function tailLog(file: string, lines = 60): string {
  if (!existsSync(file)) return ''
  const text = readFileSync(file, 'utf8')
  return text
    .split('\n')
    .slice(-lines - 1)
    .join('\n')
    .trimEnd()
}

/** Explains a failed start from the log, when the log says something we recognise. */
export function diagnoseLog(text: string): string | undefined {
  const bind = /(?:Port already bound|Address already in use|Port\(s\) already in use)[^\n]*/i.exec(text)
  if (bind) return `a port is taken: ${bind[0].trim()}`
  const java =
    /(?:UnsupportedClassVersionError|requires Java|has been compiled by a more recent version)[^\n]*/.exec(
      text,
    )
  if (java) return `wrong Java version: ${java[0].trim()}`
  const importFailure = /(?:Failed to import realm|Error while importing realm|RealmImport)[^\n]*/i.exec(text)
  if (importFailure) return `realm import failed: ${importFailure[0].trim()}`
  const error = /^.*\bERROR\b.*$/m.exec(text)
  return error ? `first error in the log: ${error[0].trim()}` : undefined
}
