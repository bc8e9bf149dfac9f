#!/usr/bin/env bash
# Creates (once) a virtualenv with the pinned Python libraries under $XSTACK_CACHE and prints its python path.
# The venv directory is keyed by a hash of requirements.txt, so a pin change makes a fresh one.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cache=${XSTACK_CACHE:-$HOME/.cache/xstack}
python=${ORACLE_PYTHON:-python3}
if ! command -v "$python" >/dev/null 2>&1; then
  echo "oracle: $python not found; install Python 3.9+ to run the differential suite" >&2
  exit 3
fi
key=$(sha256sum "$here/python/requirements.txt" | cut -c1-12)
venv="$cache/oracle-venv-$key"
if [ ! -x "$venv/bin/python" ] || [ ! -f "$venv/.complete" ]; then
  echo "oracle: creating $venv" >&2
  rm -rf "$venv"
  "$python" -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/python/requirements.txt" >&2
  touch "$venv/.complete"
fi
echo "$venv/bin/python"
