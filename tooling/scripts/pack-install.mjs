// What we publish is what we test (issue 16). Stages a copy of the workspace, runs `changeset version` there
// (as a release would: versions bumped, CHANGELOG.md written), packs @x/pool, @x/requests, @x/oauth2 and
// @x/oauth2-redis with pnpm (the root .pnpmfile.cjs strips devDependencies and scripts), checks each tarball
// (LICENSE, CHANGELOG.md, repository/homepage/bugs, no private or workspace package named), installs the tarballs
// with npm into a fresh project outside the workspace, and runs pack-install/scenario.mjs there through `import` and through
// `require()` against tooling/testserver's CLI (and Keycloak when KEYCLOAK_URL is set), plus
// pack-install/oauth2-redis.mjs (the store with its peers, no Redis needed).
// Needs `pnpm turbo run build` first (./dev test runs it).
import { execFileSync, spawn } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { createInterface } from 'node:readline'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

const root = new URL('../..', import.meta.url).pathname
const PACKAGES = ['pool', 'requests', 'oauth2', 'oauth2-redis']
const PRIVATE = [
  '@x/testserver',
  '@x/keycloak',
  '@x/bench',
  '@x/security',
  '@x/pool-demo',
  '@x/requests-demo',
]
const run = (cmd, args, cwd, env = process.env) =>
  execFileSync(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' })
const fail = (message) => {
  throw new Error(`pack-install: ${message}`)
}

const work = mkdtempSync(join(tmpdir(), 'xstack-pack-install-'))
let server
try {
  // 1. a staged copy of the workspace: manifests of every project (changesets checks its `ignore` list against
  //    them) and the published packages whole, without node_modules
  const stage = join(work, 'stage')
  for (const file of [
    'package.json',
    'pnpm-workspace.yaml',
    'pnpm-lock.yaml',
    '.pnpmfile.cjs',
    '.changeset',
  ]) {
    cpSync(join(root, file), join(stage, file), { recursive: true })
  }
  for (const dir of ['apps', 'tooling', 'packages']) {
    for (const name of readdirSync(join(root, dir))) {
      const from = join(root, dir, name)
      if (!existsSync(join(from, 'package.json'))) continue
      mkdirSync(join(stage, dir, name), { recursive: true })
      if (dir === 'packages') {
        cpSync(from, join(stage, dir, name), {
          recursive: true,
          filter: (src) => !/\/(node_modules|\.turbo)(\/|$)/.test(src.slice(from.length)),
        })
      } else cpSync(join(from, 'package.json'), join(stage, dir, name, 'package.json'))
    }
  }
  run(process.execPath, [join(root, 'node_modules/@changesets/cli/bin.js'), 'version'], stage)
  // pnpm pack reads the version behind each `workspace:` range from node_modules: link the staged siblings
  const projects = new Map()
  for (const dir of ['apps', 'tooling', 'packages']) {
    for (const name of readdirSync(join(stage, dir))) {
      const manifest = JSON.parse(readFileSync(join(stage, dir, name, 'package.json'), 'utf8'))
      projects.set(manifest.name, { dir: join(stage, dir, name), manifest })
    }
  }
  for (const name of PACKAGES) {
    const { dir, manifest } = projects.get(`@x/${name}`)
    const deps = { ...manifest.dependencies, ...manifest.devDependencies }
    for (const [dep, range] of Object.entries(deps)) {
      if (!range.startsWith('workspace:')) continue
      const link = join(dir, 'node_modules', dep)
      mkdirSync(dirname(link), { recursive: true })
      symlinkSync(projects.get(dep).dir, link)
    }
  }

  // 2. pack and inspect
  const tarballs = join(work, 'tarballs')
  mkdirSync(tarballs)
  for (const name of PACKAGES) {
    const dir = join(stage, 'packages', name)
    if (!existsSync(join(dir, 'dist/index.js'))) fail(`packages/${name}/dist is missing: build first`)
    run('pnpm', ['pack', '--pack-destination', tarballs], dir)
  }
  const files = readdirSync(tarballs).filter((f) => f.endsWith('.tgz'))
  if (files.length !== PACKAGES.length) fail(`expected ${PACKAGES.length} tarballs, got ${files.join(', ')}`)
  for (const file of files) {
    const path = join(tarballs, file)
    const listing = run('tar', ['-tzf', path], work).split('\n')
    for (const needed of [
      'package/LICENSE',
      'package/README.md',
      'package/CHANGELOG.md',
      'package/dist/index.js',
    ]) {
      if (!listing.includes(needed)) fail(`${file} lacks ${needed.slice('package/'.length)}`)
    }
    const manifest = JSON.parse(run('tar', ['-xzOf', path, 'package/package.json'], work))
    const text = JSON.stringify(manifest)
    for (const name of PRIVATE) if (text.includes(`"${name}"`)) fail(`${file}'s package.json names ${name}`)
    if (text.includes('workspace:')) fail(`${file}'s package.json keeps a workspace: range`)
    if (manifest.devDependencies) fail(`${file}'s package.json keeps devDependencies`)
    if (!manifest.repository?.directory || !manifest.homepage || !manifest.bugs?.url) {
      fail(`${file}'s package.json lacks repository.directory, homepage or bugs`)
    }
    console.log(
      `pack-install: ${file} ok (${listing.filter(Boolean).length} files, version ${manifest.version})`,
    )
  }

  // 3. a fresh npm project outside the workspace
  const app = join(work, 'app')
  mkdirSync(app)
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }),
  )
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files.map((f) => join(tarballs, f))],
    app,
  )
  for (const file of ['scenario.mjs', 'oauth2-redis.mjs', 'esm.mjs', 'cjs.cjs']) {
    cpSync(new URL(`./pack-install/${file}`, import.meta.url), join(app, file))
  }

  // 4. a local httpbin from tooling/testserver's CLI
  server = spawn(process.execPath, [join(root, 'tooling/testserver/src/cli.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: server.stdout }).once('line', resolve)
    server.once('exit', (code) => reject(new Error(`testserver exited with ${code}`)))
  })
  const env = { ...process.env, HTTPBIN_URL: JSON.parse(line).httpbin }
  for (const entry of ['esm.mjs', 'cjs.cjs']) {
    process.stdout.write(run(process.execPath, [entry], app, env))
  }
  console.log('pack-install: the packed packages install with npm and run in ESM and CommonJS')
} finally {
  server?.kill('SIGTERM')
  rmSync(work, { recursive: true, force: true })
}
