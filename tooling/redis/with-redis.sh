#!/usr/bin/env bash
# Runs a command with a Redis available at $REDIS_URL: the one given, or one started here (127.0.0.1, a free port,
# in memory, a temp folder) and stopped after. Installs Debian's redis-server first when it is missing (root).
#   bash tooling/redis/with-redis.sh <command...>
# When Redis cannot be had (not root, no apt-get, the install failed), the command still runs, with
# REDIS_UNAVAILABLE set to the reason and no REDIS_URL: a demo prints the reason and exits 0, a test suite fails
# naming it. Keeps the command's exit code.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=("node" "$here/src/cli.ts")

if [ $# -eq 0 ]; then
  echo "usage: bash $0 <command...>" >&2
  exit 2
fi
if [ -n "${REDIS_URL:-}" ]; then
  exec "$@"
fi
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=18)?0:1)' 2>/dev/null; then
  echo "with-redis: needs Node >= 22.18 on PATH to run src/cli.ts (found: $(node -v 2>/dev/null || echo none));" \
    'run through ./dev, or eval "$(./dev env)" first' >&2
  exit 1
fi

errfile=$(mktemp)
if ! out=$("${cli[@]}" start 2>"$errfile"); then
  cat "$errfile" >&2
  reason=$(grep '^redis: ' "$errfile" | tail -n 1 | sed 's/^redis: //')
  rm -f "$errfile"
  export REDIS_UNAVAILABLE="${reason:-redis-server could not be started}"
  echo "with-redis: no Redis: $REDIS_UNAVAILABLE" >&2
  exec "$@"
fi
rm -f "$errfile"
url=$(printf '%s\n' "$out" | sed -n 's/^REDIS_URL=//p')
pid=$(printf '%s\n' "$out" | sed -n 's/^REDIS_PID=//p')
dir=$(printf '%s\n' "$out" | sed -n 's/^REDIS_DIR=//p')
port=${url##*:}
export REDIS_URL=$url

cleanup() { "${cli[@]}" stop "$pid" "$port" "$dir" 2>/dev/null; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "with-redis: REDIS_URL=$REDIS_URL" >&2
"$@"
exit $?
