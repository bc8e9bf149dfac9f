# Sourced by tooling/<service>/with-<service>.sh: what every "run a command with <service> available" script checks
# before it starts anything.
#   with_service_preamble <name> <VAR> "$@"
# Exits 2 with the usage when no command is given; runs the command at once (exec) when $VAR is already set (a
# service somebody else runs); exits 1 unless the node on PATH is >= 22.18 (src/cli.ts runs as TypeScript).
with_service_preamble() {
  local name=$1 var=$2
  shift 2
  if [ $# -eq 0 ]; then
    echo "usage: bash $0 <command...>" >&2
    exit 2
  fi
  if [ -n "${!var:-}" ]; then
    exec "$@"
  fi
  if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null; then
    echo "with-$name: needs Node >= 22.18 on PATH to run src/cli.ts (found: $(node -v 2>/dev/null || echo none));" \
      'run through ./dev, or eval "$(./dev env)" first' >&2
    exit 1
  fi
}
