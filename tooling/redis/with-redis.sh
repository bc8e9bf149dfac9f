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

# shellcheck source=../scripts/with-service.sh
. "$here/../scripts/with-service.sh"
with_service_preamble redis REDIS_URL "$@"

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
