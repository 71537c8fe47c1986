#!/usr/bin/env python3
# Capture helper (runs as root INSIDE the throwaway namespace of capture-traces.sh, loopback only): the
# scenarios that need more than one connection or more than one opener, on top of traces.py's machinery
# (Capture, nftables rules, the per-step design and its ss check). Each packet of the design names its
# connection; the truth file lists the connections and, per packet, its connection and both ends' state.
#   simopen  — simultaneous open (RFC 9293 §3.5 figure 8): two sockets bound to 7111 and 7112 connect to
#              each other; both first SYNs are dropped, so both retransmissions leave from the same timer
#              run and cross: each end receives a bare SYN in SYN-SENT.
#   zerowin  — a receiver with a small SO_RCVBUF that stops reading: the window closes (win 0), the sender
#              probes it (Linux's persist timer, tcp_probe_timer), the receiver reads and the window reopens.
#   multi    — five connections to one server, two open at once with their lines interleaved, and one
#              4-tuple used three times: after a TIME_WAIT (net.ipv4.tcp_tw_reuse=2, loopback, ≥ 1 s) and
#              after a RST.
# Usage: traces_more.py OUTDIR FAMILY(4|6) [SCENARIO…]
import json
import os
import socket
import struct
import sys
import time

import traces as T
from traces import CL, CLO, CW, E, FW1, FW2, LA, SR, SS, TW, P, ANY  # noqa: F401


def C(conn, el):
    """The design element el, for connection number conn."""
    return dict(el, conn=conn)


def HS(conn):
    return [C(conn, el) for el in T.HANDSHAKE]


class Multi:
    """A scenario context whose steps may concern different connections (conns: client port, server port)."""

    def __init__(self, name, port):
        self.name, self.port = name, port
        self.cap = T.Capture(name)
        self.steps, self.conns = [], []

    def conn(self, cport, sport=None):
        self.conns.append((cport, sport or self.port))
        return len(self.conns) - 1

    def step(self, what, action, pattern, wait=0.3):
        t0 = time.time()
        action()
        time.sleep(wait)
        k = pattern[-1].get("conn", 0)
        cport, sport = self.conns[k]
        self.steps.append({"step": what, "t0": t0, "t1": time.time(), "pattern": pattern,
                           "ss": T.ss_states(sport, cport), "conn": k})


def match(pkts, pattern, conns):
    out, i = [], 0
    for el in pattern:
        n = 0
        cport, sport = conns[el.get("conn", 0)]
        while i < len(pkts) and n < el["max"]:
            p = pkts[i]
            d = "C" if (p["sport"], p["dport"]) == (cport, sport) else "S" if (p["sport"], p["dport"]) == (sport, cport) else None
            fl = el["flags"]
            ok = d is not None and (el["dir"] is None or el["dir"] == d) and (
                fl is None or p["flags"] == fl or (isinstance(fl, tuple) and p["flags"] in fl))
            if not ok:
                break
            lost = el["lost"](p, d) if callable(el["lost"]) else bool(el["lost"])
            out.append({"conn": el.get("conn", 0), "dir": d, "flags": p["flags"], "lost": lost,
                        "clientState": el["c"], "serverState": el["s"]})
            i += 1
            n += 1
        if n < el["min"]:
            raise RuntimeError(f"expected {el} at packet {i}, got {pkts[i:i + 3]}")
    if i != len(pkts):
        raise RuntimeError(f"unexpected packets {pkts[i:]}")
    return out


def bound(port):
    s = T.client()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((T.HOST, port))
    return s


def scenario_simopen(ctx):
    """Simultaneous open: 7111 and 7112 connect to each other; both first SYNs are lost, the retransmissions cross."""
    a, b = bound(7111), bound(7112)
    k = ctx.conn(7111, 7112)
    a.setblocking(False)
    b.setblocking(False)
    T.rules("tcp flags & (syn|ack) == syn drop")
    ctx.cap.start(7112)

    def both():
        a.connect_ex((T.HOST, 7112))
        b.connect_ex((T.HOST, 7111))  # within the same jiffy: both RTO timers (1 s) expire in one timer run

    ctx.step("both SYNs lost", both, [C(k, P("C", "S", SS, CLO, lost=True)), C(k, P("S", "S", SS, SS, lost=True))])
    T.rules()
    # Both retransmitted SYNs leave before either is received (loopback queues them to the backlog; on
    # the first connect() the SYN is received before connect() returns, which is why a simultaneous
    # open needs the first SYNs lost). 7112's timer fires first. Each end, in SYN-SENT, receives a SYN:
    # SYN-RECEIVED, and answers SYN,ACK (§3.10.7.3, fourth).
    # A SYN,ACK received in SYN-RECEIVED that acknowledges our SYN → ESTABLISHED (Linux:
    # tcp_validate_incoming lets exactly this SYN through, tcp_rcv_state_process then acks it).
    ctx.step("SYNs cross", lambda: None,
             [C(k, P("S", "S", SR, SS)), C(k, P("C", "S", SR, SR)),
              C(k, P("C", "S.", SR, E)), C(k, P("S", "S.", E, E)), C(k, ANY(E, E))], wait=1.5)
    a.setblocking(True)
    b.setblocking(True)

    def close():
        a.close()
        b.recv(100)
        b.close()

    ctx.step("close", close, [C(k, P("C", "F.", FW1, CW)), C(k, P("S", "F.", TW, LA)), C(k, P("C", ".", TW, CLO))])


def scenario_zerowin(ctx):
    """The receiver's SO_RCVBUF is small and it stops reading: win 0, zero-window probes, then it reads and the window reopens."""
    srv = socket.socket(T.AF)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # inherited by the accepted socket
    srv.bind((T.HOST, ctx.port))
    srv.listen(4)
    ctx.cap.start(ctx.port)
    c = T.client()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 65536)
    k = ctx.conn(None)
    box = {}

    def connect():
        c.connect((T.HOST, ctx.port))
        ctx.conns[k] = (c.getsockname()[1], ctx.port)

    ctx.step("handshake", connect, HS(k))
    a, _ = srv.accept()
    c.setblocking(False)

    def fill():
        sent = 0
        try:
            while True:
                sent += c.send(b"z" * 4096)
        except BlockingIOError:
            pass
        box["sent"] = sent

    ctx.step("receiver stops reading: window closes, probes", fill, [C(k, ANY(E, E))], wait=1.6)

    def drain():
        got = 0
        while got < box["sent"]:
            got += len(a.recv(65536))

    ctx.step("receiver reads: window reopens", drain, [C(k, ANY(E, E))], wait=0.5)
    c.setblocking(True)

    def close():
        c.close()
        a.recv(100)
        a.close()

    ctx.step("close", close, [C(k, P("C", "F.", FW1, CW)), C(k, P("S", "F.", TW, LA)), C(k, P("C", ".", TW, CLO))])
    srv.close()


def scenario_multi(ctx):
    """Five connections to one server: two open at once (lines interleaved); one 4-tuple reused after TIME_WAIT and after a RST."""
    srv = T.server(ctx.port, backlog=8)
    ctx.cap.start(ctx.port)
    fixed = 40100 if T.FAMILY == "4" else 40106

    def opened(sock, k):
        def go():
            sock.connect((T.HOST, ctx.port))
            ctx.conns[k] = (sock.getsockname()[1], ctx.port)
        return go

    def close_both(c, a):
        def go():
            c.close()
            a.recv(100)
            a.close()
        return go

    def abort(c):
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()

    c0, c1 = T.client(), T.client()
    k0, k1 = ctx.conn(None), ctx.conn(None)
    ctx.step("conn 0 opens", opened(c0, k0), HS(k0))
    a0, _ = srv.accept()
    ctx.step("conn 1 opens", opened(c1, k1), HS(k1))
    a1, _ = srv.accept()
    ctx.step("conn 0 request", lambda: (c0.send(b"GET /a"), a0.recv(100)), [C(k0, ANY(E, E))])
    ctx.step("conn 1 request", lambda: (c1.send(b"GET /b"), a1.recv(100)), [C(k1, ANY(E, E))])
    ctx.step("conn 0 reply", lambda: (a0.send(b"200 a"), c0.recv(100)), [C(k0, ANY(E, E))])
    ctx.step("conn 1 reply", lambda: (a1.send(b"200 b"), c1.recv(100)), [C(k1, ANY(E, E))])
    ctx.step("conn 0 closes", close_both(c0, a0), [C(k0, P("C", "F.", FW1, CW)), C(k0, P("S", "F.", TW, LA)), C(k0, P("C", ".", TW, CLO))])
    ctx.step("conn 1 aborts", lambda: abort(c1), [C(k1, P("C", "R.", CLO, CLO))])
    a1.close()

    c2 = bound(fixed)
    k2 = ctx.conn(fixed)
    ctx.step("conn 2 opens from a fixed port", lambda: c2.connect((T.HOST, ctx.port)), HS(k2))
    a2, _ = srv.accept()
    ctx.step("conn 2 closes: the client end in TIME_WAIT", close_both(c2, a2),
             [C(k2, P("C", "F.", FW1, CW)), C(k2, P("S", "F.", TW, LA)), C(k2, P("C", ".", TW, CLO))], wait=1.2)
    # tcp_tw_reuse=2 (the default): connect() may take over a loopback TIME_WAIT whose last timestamp is ≥ 1 s old.
    c3 = bound(fixed)
    k3 = ctx.conn(fixed)
    ctx.step("conn 3 reuses the 4-tuple after TIME_WAIT", lambda: c3.connect((T.HOST, ctx.port)), HS(k3))
    a3, _ = srv.accept()
    ctx.step("conn 3 data", lambda: (c3.send(b"again"), a3.recv(100)), [C(k3, ANY(E, E))])
    ctx.step("conn 3 aborts", lambda: abort(c3), [C(k3, P("C", "R.", CLO, CLO))])
    a3.close()
    c4 = bound(fixed)
    k4 = ctx.conn(fixed)
    ctx.step("conn 4 reuses the 4-tuple after the RST", lambda: c4.connect((T.HOST, ctx.port)), HS(k4))
    a4, _ = srv.accept()
    ctx.step("conn 4 closes", close_both(c4, a4), [C(k4, P("C", "F.", FW1, CW)), C(k4, P("S", "F.", TW, LA)), C(k4, P("C", ".", TW, CLO))])
    srv.close()


SCENARIOS = {"simopen": (7112, scenario_simopen), "zerowin": (7113, scenario_zerowin), "multi": (7114, scenario_multi)}


def run(name, tries=5):
    port, fn = SCENARIOS[name]
    for attempt in range(tries):
        ctx = Multi(name, port)
        fn(ctx)
        ctx.cap.stop()
        try:
            write(name, fn, ctx)
            return
        except RuntimeError as e:
            print(f"{name}: attempt {attempt + 1}: {e}", file=sys.stderr)
            time.sleep(1.2)
    raise RuntimeError(f"{name}: no attempt matched the design")


def write(name, fn, ctx):
    pk = T.packets(ctx.cap.pcap)
    if len(pk) != len(T.packets(ctx.cap.anypcap)):
        raise RuntimeError("lo and any captures differ in packet count")
    truth, checks = [], []
    for st in ctx.steps:
        mine = [p for p in pk if st["t0"] <= p["t"] < st["t1"]]
        rows = match(mine, st["pattern"], ctx.conns)
        for r in rows:
            r["step"] = st["step"]
        truth += rows
        same = [r for r in truth if r["conn"] == st["conn"]]
        want = (same[-1]["clientState"], same[-1]["serverState"]) if same else (E, E)
        got = tuple(st["ss"])
        if got != want:
            raise RuntimeError(f"{st['step']}: ss shows {got}, design says {want}")
        checks.append({"step": st["step"], "conn": st["conn"], "client": got[0], "server": got[1]})
    if len(truth) != len(pk):
        raise RuntimeError(f"{len(pk) - len(truth)} packets outside every step")
    for i, r in enumerate(truth):
        r["packet"] = i + 1
    first = truth[0]
    json.dump({
        "scenario": name, "family": f"IPv{T.FAMILY}", "doc": fn.__doc__,
        "client": {"host": T.HOST, "port": ctx.conns[first["conn"]][0]},
        "server": {"host": T.HOST, "port": ctx.conns[first["conn"]][1]},
        "midStart": False, "listener": name != "simopen",
        "connections": [{"client": {"host": T.HOST, "port": c}, "server": {"host": T.HOST, "port": s}} for c, s in ctx.conns],
        "packets": [{k: r[k] for k in ("packet", "conn", "dir", "flags", "lost", "clientState", "serverState", "step")} for r in truth],
        "ssChecks": checks,
    }, open(os.path.join(T.OUT, f"{name}-v{T.FAMILY}.truth.json"), "w"), indent=1)
    print(f"{name}-v{T.FAMILY}: {len(pk)} packets, {len(ctx.conns)} connections, {len(checks)} ss checks ok")


if __name__ == "__main__":
    for n in (T.ONLY or list(SCENARIOS)):
        run(n)
