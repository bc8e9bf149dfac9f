#!/usr/bin/env bash
# Runs a command with a Keycloak available at $KEYCLOAK_URL: the one given, or one started here and stopped after.
#   bash tooling/keycloak/with-keycloak.sh <command...>
# Uses the node on PATH (Node >= 22.18 runs src/cli.ts directly). Keeps the command's exit code; prints the
# Keycloak log tail when the command fails.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cli=("node" "$here/src/cli.ts")

# shellcheck source=../scripts/with-service.sh
. "$here/../scripts/with-service.sh"
with_service_preamble keycloak KEYCLOAK_URL "$@"

if ! out=$("${cli[@]}" start); then
  echo "with-keycloak: Keycloak did not start (see above)" >&2
  exit 1
fi
url=$(printf '%s\n' "$out" | sed -n 's/^KEYCLOAK_URL=//p')
reused=$(printf '%s\n' "$out" | sed -n 's/^KEYCLOAK_REUSED=//p')
if [ -z "$url" ]; then
  echo "with-keycloak: start printed no KEYCLOAK_URL" >&2
  "${cli[@]}" stop
  exit 1
fi
export KEYCLOAK_URL=$url

cleanup() {
  # a Keycloak somebody else started (and this script merely reused) stays up
  if [ "$reused" != "1" ]; then "${cli[@]}" stop; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "with-keycloak: KEYCLOAK_URL=$KEYCLOAK_URL" >&2
"$@"
code=$?
if [ "$code" -ne 0 ]; then
  echo "with-keycloak: command failed (exit $code); last lines of the Keycloak log:" >&2
  "${cli[@]}" logs -n 60 >&2
fi
exit "$code"
