// Adds up the JSON reports that vitest wrote for each workspace package and prints one closing line
// ("tests: N passed, N failed, N skipped") so a CI log shows the whole run's counts at a glance.
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

const root = new URL('../..', import.meta.url).pathname
const totals = { passed: 0, failed: 0, skipped: 0 }
const rows = []
for (const group of ['packages', 'tooling', 'apps']) {
  for (const name of readdirSync(join(root, group))) {
    const dir = join(root, group, name)
    if (!existsSync(dir)) continue
    // one report per task: .vitest-report.json (test), .vitest-report-keycloak.json (test:keycloak), ...
    for (const file of readdirSync(dir).filter((f) => /^\.vitest-report.*\.json$/.test(f))) {
      const report = JSON.parse(readFileSync(join(dir, file), 'utf8'))
      const skipped = report.numPendingTests + report.numTodoTests
      totals.passed += report.numPassedTests
      totals.failed += report.numFailedTests
      totals.skipped += skipped
      rows.push(
        `  ${group}/${name} (${file}): ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`,
      )
    }
  }
}
console.log(rows.join('\n'))
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0)
