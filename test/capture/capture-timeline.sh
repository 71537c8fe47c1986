#!/usr/bin/env bash
# Capture (root, Linux): a time series `while …; do date; ss -tanpo; sleep 0.5; done` of one
# connection walked through its life by timeline.py, inside a throwaway network namespace.
# Needs: iproute2, nftables, python3. Output: test/fixtures/linux/timeseries-ss-tanpo.log + truth.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../fixtures/linux}
mkdir -p "$out"
command -v nft >/dev/null || apt-get install -y nftables >/dev/null
NS=tcptl$$
tmp=$(mktemp -d)
helper=
cleanup() {
  if [ -n "$helper" ]; then kill "$helper" 2>/dev/null || true; wait "$helper" 2>/dev/null || true; fi
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
ip netns exec "$NS" python3 "$here/timeline.py" "$tmp/truth.json" "$tmp/start" &
helper=$!
for _ in $(seq 1 100); do [ -e "$tmp/start" ] && break; sleep 0.1; done
log=$out/timeseries-ss-tanpo.log
: >"$log"
while kill -0 "$helper" 2>/dev/null; do
  date >>"$log"
  ip netns exec "$NS" ss -tanpo '( sport = :5100 or dport = :5100 )' >>"$log" 2>/dev/null || true
  sleep 0.5
done
wait "$helper"; helper=
cp "$tmp/truth.json" "$out/timeseries-ss-tanpo.truth.json"
echo "snapshots: $(grep -c '^State' "$log")"
