#!/usr/bin/env python3
# Capture helper (runs as root INSIDE a throwaway network namespace, loopback only):
# creates real TCP sockets in every state, records what it created as ground truth,
# then holds everything still until the parent script has captured the tables.
#
# Usage: states.py TRUTH.json READY_FILE STOP_FILE
# Packet drops use an nftables table that lives only in this namespace.
import ctypes
import json
import os
import socket
import subprocess
import sys
import time

TRUTH, READY, STOP = sys.argv[1], sys.argv[2], sys.argv[3]
truth = []
rules = []  # current nft drop rules, re-applied as a whole (no handle bookkeeping)
keep = []  # sockets we must keep open (owned sockets)
libc = ctypes.CDLL(None, use_errno=True)


def set_comm(name):
    # PR_SET_NAME = 15; ss -p / netstat -p / lsof show this "comm".
    libc.prctl(15, name.encode(), 0, 0, 0)


def nft(*args):
    subprocess.run(["nft", *args], check=True)


def apply_rules():
    # One transaction: a flush followed by separate adds would open a window with no drops.
    script = "flush chain inet tcpcap in\n" + "".join(f"add rule inet tcpcap in {r}\n" for r in rules)
    subprocess.run(["nft", "-f", "-"], input=script.encode(), check=True)


def ep(host, port, fam):
    # Canonical form of the parser's formatEndpoint: wildcards are '*', IPv6 in brackets.
    if host in ("0.0.0.0", "::"):
        return f"*:{port}"
    return f"[{host}]:{port}" if fam == socket.AF_INET6 else f"{host}:{port}"


def record(case, state, sock_local, sock_remote, fam, owned=True, note=None):
    e = {"case": case, "state": state, "local": ep(*sock_local[:2], fam), "remote": ep(*sock_remote[:2], fam), "owned": owned}
    if note:
        e["note"] = note
    truth.append(e)


def server(fam, addr, port, backlog=16):
    s = socket.socket(fam, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if fam == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((addr, port))
    s.listen(backlog)
    return s


def pair(fam, lo, port):
    srv = server(fam, lo, port)
    c = socket.socket(fam, socket.SOCK_STREAM)
    c.connect((lo, port))
    a, _ = srv.accept()
    return srv, c, a


def main():
    global keep
    set_comm("tcpcap-main")
    nft("add", "table", "inet", "tcpcap")
    nft("add", "chain", "inet", "tcpcap", "in", "{ type filter hook input priority 0 ; }")
    # Any ct expression makes conntrack track this namespace's flows (for `conntrack -L`).
    nft("add", "chain", "inet", "tcpcap", "track", "{ type filter hook output priority 0 ; }")
    nft("add", "rule", "inet", "tcpcap", "track", "ct", "state", "new", "counter")

    for fam, lo, base in ((socket.AF_INET, "127.0.0.1", 5000), (socket.AF_INET6, "::1", 6000)):
        v = "v4" if fam == socket.AF_INET else "v6"
        wild = "0.0.0.0" if fam == socket.AF_INET else "::"

        # LISTEN on the wildcard address
        ls = server(fam, wild, base)
        keep.append(ls)
        truth.append({"case": f"listen-{v}", "state": "LISTEN", "local": ep(wild, base, fam), "remote": "*:*", "owned": True})

        # ESTABLISHED pair
        srv, c, a = pair(fam, lo, base + 1)
        keep += [srv, c, a]
        truth.append({"case": f"listen-{v}", "state": "LISTEN", "local": ep(lo, base + 1, fam), "remote": "*:*", "owned": True})
        record(f"established-client-{v}", "ESTABLISHED", c.getsockname(), c.getpeername(), fam)
        record(f"established-server-{v}", "ESTABLISHED", a.getsockname(), a.getpeername(), fam)
        c.send(b"x" * 1000)  # leaves 1000 bytes unread: Recv-Q on the server side

        # SYN_SENT: the SYN never arrives
        rules.append(f"tcp dport {base + 2} tcp flags syn drop")
        apply_rules()
        c = socket.socket(fam, socket.SOCK_STREAM)
        c.setblocking(False)
        c.connect_ex((lo, base + 2))
        keep.append(c)
        record(f"syn-sent-{v}", "SYN_SENT", c.getsockname(), (lo, base + 2), fam)

        # SYN_RECEIVED: the client's final ACK of the handshake is dropped
        srv = server(fam, lo, base + 3)
        keep.append(srv)
        truth.append({"case": f"listen-{v}", "state": "LISTEN", "local": ep(lo, base + 3, fam), "remote": "*:*", "owned": True})
        rules.append(f"tcp dport {base + 3} tcp flags & (syn | ack) == ack drop")
        apply_rules()
        c = socket.socket(fam, socket.SOCK_STREAM)
        c.connect((lo, base + 3))
        keep.append(c)
        record(f"syn-recv-server-{v}", "SYN_RECEIVED", (lo, base + 3), c.getsockname(), fam, owned=False, note="request socket, no owner")
        record(f"syn-recv-client-{v}", "ESTABLISHED", c.getsockname(), (lo, base + 3), fam)

        # FIN_WAIT_1 + LAST_ACK: all server->client packets are dropped, both close (orphans)
        srv, c, a = pair(fam, lo, base + 4)
        keep.append(srv)
        truth.append({"case": f"listen-{v}", "state": "LISTEN", "local": ep(lo, base + 4, fam), "remote": "*:*", "owned": True})
        rules.append(f"tcp sport {base + 4} drop")
        apply_rules()
        cl, al = c.getsockname(), a.getsockname()
        c.close()
        time.sleep(0.3)
        a.close()
        record(f"fin-wait-1-{v}", "FIN_WAIT_1", cl, al, fam, owned=False, note="orphan")
        record(f"last-ack-{v}", "LAST_ACK", al, cl, fam, owned=False, note="orphan")

        # FIN_WAIT_2 (orphan, close()) + CLOSE_WAIT
        srv, c, a = pair(fam, lo, base + 5)
        keep += [srv, a]
        truth.append({"case": f"listen-{v}", "state": "LISTEN", "local": ep(lo, base + 5, fam), "remote": "*:*", "owned": True})
        record(f"fin-wait-2-orphan-{v}", "FIN_WAIT_2", c.getsockname(), c.getpeername(), fam, owned=False, note="orphan, timewait timer")
        record(f"close-wait-{v}", "CLOSE_WAIT", a.getsockname(), a.getpeername(), fam)
        c.close()

        # FIN_WAIT_2 (owned, shutdown(SHUT_WR)) + CLOSE_WAIT
        srv, c, a = pair(fam, lo, base + 6)
        keep += [srv, c, a]
        truth.append({"case": f"listen-{v}", "state": "LISTEN", "local": ep(lo, base + 6, fam), "remote": "*:*", "owned": True})
        record(f"fin-wait-2-owned-{v}", "FIN_WAIT_2", c.getsockname(), c.getpeername(), fam)
        record(f"close-wait-{v}", "CLOSE_WAIT", a.getsockname(), a.getpeername(), fam)
        c.shutdown(socket.SHUT_WR)

        # CLOSING: both send FIN while everything is dropped, then only client->server flows
        srv, c, a = pair(fam, lo, base + 7)
        keep += [srv, c, a]
        truth.append({"case": f"listen-{v}", "state": "LISTEN", "local": ep(lo, base + 7, fam), "remote": "*:*", "owned": True})
        rules.append(f"tcp sport {base + 7} drop")
        rules.append(f"tcp dport {base + 7} drop")
        apply_rules()
        cn, cp, an, ap = c.getsockname(), c.getpeername(), a.getsockname(), a.getpeername()
        c.shutdown(socket.SHUT_WR)
        a.shutdown(socket.SHUT_WR)
        time.sleep(0.2)
        rules.remove(f"tcp dport {base + 7} drop")
        apply_rules()
        record(f"closing-client-{v}", "FIN_WAIT_1", cn, cp, fam)
        record(f"closing-server-{v}", "CLOSING", an, ap, fam)

        # TIME_WAIT: the client closes first
        srv, c, a = pair(fam, lo, base + 8)
        keep.append(srv)
        truth.append({"case": f"listen-{v}", "state": "LISTEN", "local": ep(lo, base + 8, fam), "remote": "*:*", "owned": True})
        record(f"time-wait-{v}", "TIME_WAIT", c.getsockname(), c.getpeername(), fam, owned=False)
        c.close()
        time.sleep(0.1)
        a.close()

        # Accept-queue overflow: listen(1) never accepting, two handshakes completed
        srv = server(fam, lo, base + 9, backlog=1)
        keep.append(srv)
        truth.append({"case": f"listen-backlog-{v}", "state": "LISTEN", "local": ep(lo, base + 9, fam), "remote": "*:*", "owned": True, "recvQ": 2, "sendQ": 1})
        for _ in range(2):
            c = socket.socket(fam, socket.SOCK_STREAM)
            c.connect((lo, base + 9))
            keep.append(c)
            record(f"backlog-client-{v}", "ESTABLISHED", c.getsockname(), c.getpeername(), fam)
            record(f"backlog-unaccepted-{v}", "ESTABLISHED", c.getpeername(), c.getsockname(), fam, owned=False)

    # v4-mapped: a dual-stack listener accepting an IPv4 client
    ds = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    ds.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    ds.bind(("::", 7000))
    ds.listen(8)
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.connect(("127.0.0.1", 7000))
    a, _ = ds.accept()
    keep += [ds, c, a]
    truth.append({"case": "listen-dualstack", "state": "LISTEN", "local": "*:7000", "remote": "*:*", "owned": True, "shared": True})
    record("v4mapped-client", "ESTABLISHED", c.getsockname(), c.getpeername(), socket.AF_INET)
    truth.append({"case": "v4mapped-server", "state": "ESTABLISHED", "local": "127.0.0.1:7000", "remote": f"127.0.0.1:{c.getsockname()[1]}", "owned": True, "v4mapped": True})

    # Shared listener: a forked child holds the same socket, under an awkward name
    pid = os.fork()
    if pid == 0:
        set_comm('we"ird (x,y)')
        open(STOP + ".child", "w").close()
        while not os.path.exists(STOP):
            time.sleep(0.1)
        os._exit(0)

    time.sleep(1.5)  # let retransmissions move CLOSING into place
    with open(TRUTH, "w") as f:
        json.dump({"mainPid": os.getpid(), "childPid": pid, "mainComm": "tcpcap-main", "childComm": 'we"ird (x,y)', "sockets": truth}, f, indent=1)
    open(READY, "w").close()
    while not os.path.exists(STOP):
        time.sleep(0.1)
    os.waitpid(pid, 0)


main()
