#!/usr/bin/env bash
# Capture (root, Linux): real sockets in every TCP state inside a throwaway network
# namespace, then every table dialect we can run here, into test/fixtures/linux/.
# Needs: iproute2 (ip, ss), net-tools (netstat), lsof, conntrack, nftables, python3.
# Traffic stays on the namespace's loopback; only processes started here are killed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../fixtures/linux}
mkdir -p "$out"
command -v nft >/dev/null || apt-get install -y nftables >/dev/null
NS=tcpcap$$
tmp=$(mktemp -d)
helper=
cleanup() {
  touch "$tmp/stop"
  if [ -n "$helper" ]; then kill "$helper" 2>/dev/null || true; wait "$helper" 2>/dev/null || true; fi
  ip netns del "$NS" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
ip netns exec "$NS" python3 "$here/states.py" "$tmp/truth.json" "$tmp/ready" "$tmp/stop" &
helper=$!
for _ in $(seq 1 100); do [ -e "$tmp/ready" ] && break; sleep 0.1; done
[ -e "$tmp/ready" ] || { echo "helper never became ready" >&2; exit 1; }
main=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["mainPid"])' "$tmp/truth.json")
child=$(python3 -c 'import json,sys;print(json.load(open(sys.argv[1]))["childPid"])' "$tmp/truth.json")
run() { # name, command...: a capture exactly as the tool printed it
  local name=$1; shift
  ip netns exec "$NS" "$@" >"$out/$name" 2>/dev/null || true
}
run ss-tan.txt ss -tan
run ss-tanp.txt ss -tanp
run ss-tanpo.txt ss -tanpo
run ss-tanoe.txt ss -tanoe
run ss-tani.txt ss -tani
run ss-tanm.txt ss -tanm
run netstat-tan.txt netstat -tan
run netstat-tanp.txt netstat -tanp
run netstat-tanpo.txt netstat -tanpo
run netstat-tanpe.txt netstat -tanpe
run netstat-tanoee.txt netstat -tanoee
run proc-net-tcp.txt cat /proc/net/tcp
run proc-net-tcp6.txt cat /proc/net/tcp6
run lsof-nP-iTCP.txt lsof -nP -iTCP -a -p "$main,$child"
run conntrack-L-p-tcp.txt conntrack -L -p tcp
# Independent check with ss's own state filters: how many sockets per state.
: >"$tmp/counts"
for st in listening syn-sent syn-recv established fin-wait-1 fin-wait-2 close-wait closing last-ack time-wait; do
  echo "$st $(ip netns exec "$NS" ss -Htan state "$st" | wc -l)" >>"$tmp/counts"
done
python3 - "$tmp/truth.json" "$tmp/counts" "$out/states.truth.json" <<'PY'
import json, sys
t = json.load(open(sys.argv[1]))
names = {"listening": "LISTEN", "syn-sent": "SYN_SENT", "syn-recv": "SYN_RECEIVED", "established": "ESTABLISHED",
         "fin-wait-1": "FIN_WAIT_1", "fin-wait-2": "FIN_WAIT_2", "close-wait": "CLOSE_WAIT", "closing": "CLOSING",
         "last-ack": "LAST_ACK", "time-wait": "TIME_WAIT"}
counts = {names[a]: int(b) for a, b in (l.split() for l in open(sys.argv[2]))}
want = {}
for s in t["sockets"]:
    want[s["state"]] = want.get(s["state"], 0) + 1
t["ssStateCounts"] = counts
bad = {k: (want.get(k, 0), counts.get(k, 0)) for k in names.values() if want.get(k, 0) != counts.get(k, 0)}
if bad:
    print("truth and ss state filters disagree (want, got):", bad, file=sys.stderr)
    sys.exit(1)
json.dump(t, open(sys.argv[3], "w"), indent=1)
print("ok:", counts)
PY
