import { ensureTools } from './tools.ts'

/** Installs the tools once before any test file runs; a tool that cannot be installed fails the run, loudly. */
export default function setup(): void {
  const tools = ensureTools()
  console.log(`faults: toxiproxy ${tools.toxiproxy}, nginx ${tools.nginx}, squid ${tools.squid}`)
}
