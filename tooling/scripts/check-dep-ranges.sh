#!/usr/bin/env bash
# The packages declare undici and zod as version ranges (the pnpm catalog "ranges") so that an app shares its own
# copy with them. This checks both ends of each range: it copies the libraries (tracked files only) into a scratch
# workspace, pins undici and zod there to the lowest, then the latest, version their range allows (pnpm overrides),
# and runs the tests that exercise each dependency most (pool transport and options, requests sessions and schemas,
# oauth2 options and token responses), type check included.
#   tooling/scripts/check-dep-ranges.sh            both ends (what `./dev test` runs)
#   tooling/scripts/check-dep-ranges.sh lowest     one end
#   UNDICI_VERSION=8.12.0 ZOD_VERSION=4.1.0 tooling/scripts/check-dep-ranges.sh lowest   try given versions
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ends=${1:-lowest latest}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/x-dep-ranges.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# The range of each dependency, read from the catalog the packages use.
range() { node -e '
  const text = require("fs").readFileSync(process.argv[1], "utf8")
  const block = text.split(/^catalogs:\s*$/m)[1]?.split(/^\S/m)[0] ?? ""
  const ranges = block.split(/^\s{2}ranges:\s*$/m)[1] ?? ""
  const m = ranges.match(new RegExp(`^\\s{4}${process.argv[2]}:\\s*"?([^"\\n]+)"?`, "m"))
  if (!m) { console.error(`no ${process.argv[2]} in catalogs.ranges`); process.exit(1) }
  console.log(m[1].trim())' "$root/pnpm-workspace.yaml" "$1"; }
# The lowest or latest published version inside a range.
pick() { pnpm view "$1@$2" version --json | node -e '
  let v = JSON.parse(require("fs").readFileSync(0, "utf8")); v = Array.isArray(v) ? v : [v]
  const key = (s) => s.split(/[.-]/).slice(0, 3).map(Number)
  v = v.filter((s) => !s.includes("-")).sort((a, b) => { const x = key(a), y = key(b); return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] })
  console.log(process.argv[1] === "lowest" ? v[0] : v.at(-1))' "$3"; }

cd "$root"
git ls-files -z packages/pool packages/requests packages/oauth2 tooling/testserver tooling/scripts \
  package.json pnpm-workspace.yaml pnpm-lock.yaml tsconfig.base.json vitest.shared.ts .npmrc .pnpmfile.cjs 2>/dev/null |
  xargs -0 cp --parents -t "$scratch" 2>/dev/null || true
undici_range=$(range undici)
zod_range=$(range zod)

for end in $ends; do
  undici=${UNDICI_VERSION:-$(pick undici "$undici_range" "$end")}
  zod=${ZOD_VERSION:-$(pick zod "$zod_range" "$end")}
  echo "check-dep-ranges: $end: undici $undici (of $undici_range), zod $zod (of $zod_range)"
  cd "$scratch"
  # Only the libraries and their test server; overrides pin this end of each range.
  node -e '
    const fs = require("fs")
    let ws = fs.readFileSync("pnpm-workspace.yaml", "utf8")
    ws = ws.replace(/^packages:\n(\s+- .*\n)+/m, "packages:\n  - packages/*\n  - tooling/testserver\n")
    ws = ws.replace(/^overrides:\n(\s+.*\n)*/m, "")
    fs.writeFileSync("pnpm-workspace.yaml", `${ws}\noverrides:\n  undici: ${process.argv[1]}\n  zod: ${process.argv[2]}\n`)' \
    "$undici" "$zod"
  pnpm install --no-frozen-lockfile --prefer-offline --reporter=silent >/dev/null
  installed=$(node -e 'for (const p of ["undici", "zod"]) process.stdout.write(`${p} ${require(require.resolve(`${p}/package.json`, { paths: ["packages/pool"] })).version} `)')
  echo "check-dep-ranges: installed $installed"
  (cd packages/pool && pnpm exec vitest run --typecheck.enabled=false test/transport.test.ts test/options.test.ts \
    test/pool-manager.test.ts test/retry.test.ts test/keep-alive.test.ts test/proxy.test.ts --reporter=dot)
  (cd packages/requests && pnpm exec vitest run test/session.test.ts test/connection-policy.test.ts test/api.test.ts \
    test/standard-schema.test.ts test/standard-schema.test-d.ts --reporter=dot)
  (cd packages/oauth2 && pnpm exec vitest run --typecheck.enabled=false test/options.test.ts test/token.test.ts \
    test/token-endpoint.test.ts --reporter=dot)
  for p in pool requests oauth2; do (cd "packages/$p" && pnpm exec tsc -p tsconfig.json --noEmit); done
  cd "$root"
done
echo "check-dep-ranges: every end of every range passed"
