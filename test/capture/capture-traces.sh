#!/usr/bin/env bash
# Capture (root, Linux): one packet trace per scenario of traces.py (normal close, FIN+ACK in one
# segment, simultaneous close, half-close, refused, abort, RST to TIME_WAIT, retransmissions,
# lost final ACK, a trace ending mid-close, a trace starting mid-connection; traces_more.py: simultaneous
# open, zero window, several connections with a reused 4-tuple), IPv4 and IPv6, made
# with tcpdump on the loopback of a throwaway network namespace, then printed by `tcpdump -r`
# (and tshark, when installed) in the textual forms people paste, into test/fixtures/traces/.
# Needs: iproute2, nftables, tcpdump, python3. Traffic stays on the namespace's loopback.
# Usage: capture-traces.sh [outdir] [scenario…]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../fixtures/traces}
shift || true
mkdir -p "$out"
command -v nft >/dev/null || apt-get install -y nftables >/dev/null
command -v tcpdump >/dev/null || apt-get install -y tcpdump >/dev/null
NS=tcptr$$
tmp=$(mktemp -d)
cleanup() {
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
# Scenarios of traces_more.py (several connections or openers); the rest are traces.py's.
more=() base=()
for s in "$@"; do case $s in simopen | zerowin | multi) more+=("$s") ;; *) base+=("$s") ;; esac; done
for fam in 4 6; do
  if [ $# -eq 0 ] || [ ${#base[@]} -gt 0 ]; then
    ip netns exec "$NS" python3 "$here/traces.py" "$tmp" "$fam" "${base[@]}"
  fi
  if [ $# -eq 0 ] || [ ${#more[@]} -gt 0 ]; then
    (cd "$here" && ip netns exec "$NS" python3 traces_more.py "$tmp" "$fam" "${more[@]}")
  fi
done
# The forms: the same capture printed with different flags. stderr is kept (2>&1): tcpdump's own
# lines ("reading from file …") are part of what people paste.
render() { # pcap, base name
  local p=$1 b=$2
  tcpdump -r "$p" >"$out/$b.default.txt" 2>&1
  tcpdump -n -r "$p" >"$out/$b.n.txt" 2>&1
  tcpdump -nn -r "$p" >"$out/$b.nn.txt" 2>&1
  tcpdump -nn -t -r "$p" >"$out/$b.t.txt" 2>&1
  tcpdump -nn -tt -r "$p" >"$out/$b.tt.txt" 2>&1
  tcpdump -nn -ttt -r "$p" >"$out/$b.ttt.txt" 2>&1
  tcpdump -nn -tttt -r "$p" >"$out/$b.tttt.txt" 2>&1
  tcpdump -nn -ttttt -r "$p" >"$out/$b.ttttt.txt" 2>&1
  tcpdump -nn -v -r "$p" >"$out/$b.v.txt" 2>&1
  tcpdump -nn -vv -r "$p" >"$out/$b.vv.txt" 2>&1
  tcpdump -nn -e -r "$p" >"$out/$b.e.txt" 2>&1
  tcpdump -nn -S -r "$p" >"$out/$b.S.txt" 2>&1
  if command -v tshark >/dev/null; then
    tshark -r "$p" >"$out/$b.tshark.txt" 2>/dev/null
    tshark -n -r "$p" >"$out/$b.tshark-n.txt" 2>/dev/null
  fi
}
# Only the `lo` pcaps are kept (small: snap length 128); the `any` capture is kept as text.
for t in "$tmp"/*.truth.json; do
  b=$(basename "$t" .truth.json)
  cp "$t" "$out/$b.truth.json"
  cp "$tmp/$b.pcap" "$out/$b.pcap"
  cp "$tmp/$b.any.pcap" "$out/$b.any.pcap"
  (
    cd "$out"
    render "$b.pcap" "$b"
    tcpdump -nn -r "$b.any.pcap" >"$b.any.txt" 2>&1
    tcpdump -nn -v -e -r "$b.any.pcap" >"$b.any-ve.txt" 2>&1
    rm "$b.any.pcap"
  )
done
echo "traces: $(ls "$out"/*.truth.json | wc -l), files: $(ls "$out" | wc -l), $(du -sh "$out" | cut -f1)"
