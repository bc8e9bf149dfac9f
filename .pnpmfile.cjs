// The manifest that `pnpm pack` / `pnpm publish` (and so `changeset publish`) put in a tarball: without
// devDependencies, which name private workspace packages such as @x/testserver that a registry never has, and
// without the scripts, which only make sense inside this repository (issue 16).
module.exports = {
  hooks: {
    beforePacking(pkg) {
      delete pkg.devDependencies
      delete pkg.scripts
      return pkg
    },
  },
}
