#!/usr/bin/env bash
# Installs the fault tools the suite drives, each only when missing; CI runs it through the suite's global setup.
#   toxiproxy  built from its Go module (go install, pinned version) into $XSTACK_CACHE/toxiproxy-<version>/bin
#   nginx      Debian's nginx-light (HTTP/1.1, HTTPS, HTTP/2), as root
#   squid      Debian's squid (forward proxy with basic auth: basic_ncsa_auth), as root
# Prints one line per tool, `ok <tool> <path>` or `missing <tool> <why>`, and exits non-zero when one is missing.
set -uo pipefail
TOXIPROXY_VERSION=${TOXIPROXY_VERSION:-v2.5.0}
cache=${XSTACK_CACHE:-$HOME/.cache/xstack}
status=0
say() { echo "$@"; }

# toxiproxy ---------------------------------------------------------------------------------------------------
toxi_bin="$cache/toxiproxy-$TOXIPROXY_VERSION/bin"
if [ -x "$toxi_bin/toxiproxy-server" ]; then
  say "ok toxiproxy $toxi_bin/toxiproxy-server"
elif ! command -v go >/dev/null 2>&1 && [ ! -x /usr/local/go/bin/go ]; then
  say "missing toxiproxy: no Go toolchain on this machine to build github.com/Shopify/toxiproxy/v2 $TOXIPROXY_VERSION"
  status=1
else
  go=$(command -v go || echo /usr/local/go/bin/go)
  mkdir -p "$toxi_bin"
  if GOBIN="$toxi_bin" GOPATH="$cache/go" GOMODCACHE="$cache/go/pkg/mod" GOFLAGS=-modcacherw GOTOOLCHAIN=local \
    "$go" install "github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION" >"$cache/toxiproxy-install.log" 2>&1 &&
    mv "$toxi_bin/server" "$toxi_bin/toxiproxy-server"; then
    say "ok toxiproxy $toxi_bin/toxiproxy-server"
  else
    say "missing toxiproxy: go install github.com/Shopify/toxiproxy/v2/cmd/server@$TOXIPROXY_VERSION failed:"
    tail -n 15 "$cache/toxiproxy-install.log" | sed 's/^/  /'
    status=1
  fi
fi

# nginx and squid from Debian -----------------------------------------------------------------------------------
need=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
{ command -v squid >/dev/null 2>&1 || [ -x /usr/sbin/squid ]; } && [ -x /usr/lib/squid/basic_ncsa_auth ] || need+=(squid)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "missing ${need[*]}: not root (uid $(id -u)), so apt-get install -y ${need[*]} cannot run"
    status=1
  elif ! command -v apt-get >/dev/null 2>&1; then
    say "missing ${need[*]}: this machine has no apt-get"
    status=1
  else
    export DEBIAN_FRONTEND=noninteractive
    log="$cache/faults-apt.log"
    mkdir -p "$cache"
    # policy-rc.d keeps the packages' own services from starting: the suite starts its own on free ports.
    policy=/usr/sbin/policy-rc.d
    own_policy=0
    if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod +x "$policy" && own_policy=1; fi
    if ! apt-get install -y --no-install-recommends "${need[@]}" >"$log" 2>&1; then
      apt-get update >>"$log" 2>&1
      apt-get install -y --no-install-recommends "${need[@]}" >>"$log" 2>&1
    fi
    [ $own_policy = 1 ] && rm -f "$policy"
  fi
fi
for tool in nginx squid; do
  path=$(command -v $tool || ls /usr/sbin/$tool 2>/dev/null || true)
  if [ -n "$path" ]; then say "ok $tool $path"
  else
    say "missing $tool: apt-get install failed (see $cache/faults-apt.log)"
    [ -f "$cache/faults-apt.log" ] && tail -n 10 "$cache/faults-apt.log" | sed 's/^/  /'
    status=1
  fi
done
exit $status
