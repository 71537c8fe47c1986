#!/usr/bin/env bash
# Capture (root, Linux): net-tools netstat cutting long IPv6 addresses to its 23-character column (no -W) and
# the same sockets with -W, in a throwaway network namespace with a documentation address (2001:db8::/32) on lo.
# Writes test/fixtures/linux/netstat-tan-long-ipv6.txt and netstat-tanW-long-ipv6.txt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/../fixtures/linux}
NS=tcplong$$
helper=
cleanup() {
  if [ -n "$helper" ]; then kill "$helper" 2>/dev/null || true; wait "$helper" 2>/dev/null || true; fi
  ip netns del "$NS" 2>/dev/null || true
}
trap cleanup EXIT INT TERM
ip netns add "$NS"
ip netns exec "$NS" ip link set lo up
ip netns exec "$NS" ip -6 addr add 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1/64 dev lo nodad
ip netns exec "$NS" ip -6 addr add 2001:db8::5/64 dev lo nodad
ip netns exec "$NS" python3 - <<'PY' &
import socket, time
A = '2001:db8:aaaa:bbbb:cccc:dddd:eeee:1'
ls = socket.socket(socket.AF_INET6); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind((A, 22)); ls.listen(8)
short = socket.socket(socket.AF_INET6); short.bind(('2001:db8::5', 8080)); short.listen(8)
c = socket.create_connection((A, 22)); s, _ = ls.accept()
c2 = socket.create_connection(('2001:db8::5', 8080)); s2, _ = short.accept()
time.sleep(30)
PY
helper=$!
sleep 1
ip netns exec "$NS" netstat -tan > "$out/netstat-tan-long-ipv6.txt"
ip netns exec "$NS" netstat -tanW > "$out/netstat-tanW-long-ipv6.txt"
echo "wrote $out/netstat-tan-long-ipv6.txt and netstat-tanW-long-ipv6.txt"
