import { readdirSync, readFileSync } from 'node:fs'

/** `/proc/<pid>/stat` fields after the command name: state is [0], pgrp is [2]. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  } catch {
    return undefined
  }
}

/** Alive and not a zombie (a zombie whose parent has gone away still answers kill(pid, 0)). */
export function processAlive(pid: number): boolean {
  const fields = statFields(pid)
  if (fields) return fields[0] !== 'Z'
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Whether `pid` still is the Keycloak `start` launched (bash kc.sh, or the java it became), so a stale state file
 * whose pid was reused never makes `stop` signal an unrelated process group.
 */
export function isKeycloakProcess(pid: number): boolean {
  if (!processAlive(pid)) return false
  try {
    return /keycloak|kc\.sh/i.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))
  } catch {
    return true // no /proc: trust the state file
  }
}

/** Live processes of a process group: kc.sh and the java it forks share the group `start` created. */
export function groupMembers(pgid: number): number[] {
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return processAlive(pgid) ? [pgid] : []
  }
  const members: number[] = []
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    const fields = statFields(Number(entry))
    if (fields && fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(entry))
  }
  return members
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal)
  } catch {
    // already gone
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
