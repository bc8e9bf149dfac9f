// The frame the tooling CLIs share (`node tooling/redis/src/cli.ts <command>`, tooling/keycloak likewise): usage on
// `help` or no command, an unknown command refused with the usage, the exit code set, and the tool's own failures
// reported as one line plus the log tail it carries instead of a stack trace.

/** A failure a tool reports as one readable line (plus the tail of its log, when there is one). */
export interface ToolFailure {
  message: string
  logTail?: string | undefined
}

export interface ToolCli {
  usage: string
  /** Writes one line about progress or failure to stderr, prefixed with the tool's name. */
  info(line: string): void
  /** Runs one of the tool's commands and returns its exit code; undefined when `command` is not one of them. */
  run(command: string, rest: string[]): Promise<number | undefined>
  isToolFailure(error: unknown): error is ToolFailure
  /** The heading printed above a failure's log tail. */
  logTailTitle: string
}

export function runToolCli(cli: ToolCli, argv: string[] = process.argv.slice(2)): void {
  const [command, ...rest] = argv
  const main = async (): Promise<number> => {
    if (command === undefined || command === 'help' || command === '--help') {
      process.stdout.write(`${cli.usage}\n`)
      return command === undefined ? 2 : 0
    }
    const code = await cli.run(command, rest)
    if (code !== undefined) return code
    process.stderr.write(`unknown command: ${command}\n${cli.usage}\n`)
    return 2
  }
  main().then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      if (cli.isToolFailure(error)) {
        cli.info(error.message)
        if (error.logTail) process.stderr.write(`----- ${cli.logTailTitle} -----\n${error.logTail}\n-----\n`)
      } else {
        cli.info(error instanceof Error ? (error.stack ?? error.message) : String(error))
      }
      process.exitCode = 1
    },
  )
}
