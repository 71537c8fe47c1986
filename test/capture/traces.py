#!/usr/bin/env python3
# Capture helper (runs as root INSIDE a throwaway network namespace, loopback only): one TCP
# connection per scenario, captured by tcpdump on `lo` (and on `any`, for the cooked form), with
# nftables drops losing chosen packets. Each scenario is a list of steps; each step acts, waits,
# and states the packets it must produce, with both ends' RFC 9293 state after each one (by
# design). The helper refuses to write a truth file unless the captured packets match the
# design and `ss`, read at the end of every step, shows both ends in the design's states.
# Usage: traces.py OUTDIR FAMILY(4|6) [SCENARIO…]   (writes OUTDIR/<scenario>-v<F>.{pcap,any.pcap,truth.json})
import json
import os
import re
import socket
import struct
import subprocess
import sys
import time

OUT, FAMILY = sys.argv[1], sys.argv[2]
ONLY = sys.argv[3:]
AF = socket.AF_INET if FAMILY == "4" else socket.AF_INET6
HOST = "127.0.0.1" if FAMILY == "4" else "::1"
TABLE = "trc"


def nft(script):
    subprocess.run(["nft", "-f", "-"], input=script.encode(), check=True)


nft(f"add table inet {TABLE}\nadd chain inet {TABLE} in {{ type filter hook input priority 0 ; }}\n")


def rules(*rs):
    nft(f"flush chain inet {TABLE} in\n" + "".join(f"add rule inet {TABLE} in {r}\n" for r in rs))


SS_NAMES = {
    "SYN-SENT": "SYN_SENT", "SYN-RECV": "SYN_RECEIVED", "ESTAB": "ESTABLISHED",
    "FIN-WAIT-1": "FIN_WAIT_1", "FIN-WAIT-2": "FIN_WAIT_2", "CLOSE-WAIT": "CLOSE_WAIT",
    "CLOSING": "CLOSING", "LAST-ACK": "LAST_ACK", "TIME-WAIT": "TIME_WAIT", "LISTEN": "LISTEN",
}


def ss_states(port, cport):
    """(client end, server end) states as ss shows them; CLOSED when the socket is gone."""
    out = subprocess.run(["ss", "-Htan", f"-{FAMILY}"], capture_output=True, text=True, check=True).stdout
    c = s = "CLOSED"
    for line in out.splitlines():
        f = line.split()
        if len(f) < 5:
            continue
        lp, rp = f[3].rsplit(":", 1)[1], f[4].rsplit(":", 1)[1]
        if lp == str(cport) and rp == str(port):
            c = SS_NAMES[f[0]]
        elif lp == str(port) and rp == str(cport):
            s = SS_NAMES[f[0]]
    return c, s


class Capture:
    def __init__(self, name):
        self.pcap = os.path.join(OUT, f"{name}-v{FAMILY}.pcap")
        self.anypcap = os.path.join(OUT, f"{name}-v{FAMILY}.any.pcap")
        self.procs = []

    def start(self, port):
        filt = f"tcp port {port}"
        for iface, path in (("lo", self.pcap), ("any", self.anypcap)):
            p = subprocess.Popen(["tcpdump", "-U", "--immediate-mode", "-s", "128", "-i", iface, "-w", path, filt],
                                 stderr=subprocess.PIPE, text=True)
            p.stderr.readline()  # "listening on …": the capture is armed
            self.procs.append(p)

    def stop(self):
        time.sleep(0.3)
        for p in self.procs:
            p.terminate()
            p.wait()


PKT = re.compile(r"^(\d+\.\d+) (?:\S+ +(?:In|Out) +)?IP6? (\S+)\.(\d+) > (\S+)\.(\d+): Flags \[([^\]]*)\](?:, seq (\d+)(?::(\d+))?)?(?:, ack (\d+))?.*length (\d+)")


def packets(pcap):
    out = subprocess.run(["tcpdump", "-nn", "-S", "-tt", "-r", pcap], capture_output=True, text=True, check=True).stdout
    res = []
    for line in out.splitlines():
        m = PKT.match(line)
        if m:
            res.append({"t": float(m[1]), "sport": int(m[3]), "dport": int(m[5]), "flags": m[6], "length": int(m[10])})
    return res


def P(dir, flags, c, s, lost=False, min=1, max=1):
    """One expected packet (or min..max of the same kind): sender C|S|None, flags (str, tuple or None = any)."""
    return {"dir": dir, "flags": flags, "c": c, "s": s, "lost": lost, "min": min, "max": max}


def ANY(c, s, lost=None):
    """Any number of packets, each leaving both ends in (c, s); lost(pkt) tells which the design drops."""
    return {"dir": None, "flags": None, "c": c, "s": s, "lost": lost, "min": 0, "max": 10**6}


def match(pkts, pattern, cport):
    """Greedy in-order match of one step's packets against its pattern; returns per-packet truth or raises."""
    out, i = [], 0
    for el in pattern:
        n = 0
        while i < len(pkts) and n < el["max"]:
            p = pkts[i]
            d = "C" if p["sport"] == cport else "S"
            fl = el["flags"]
            ok = (el["dir"] is None or el["dir"] == d) and (fl is None or p["flags"] == fl or (isinstance(fl, tuple) and p["flags"] in fl))
            if not ok:
                break
            lost = el["lost"](p, d) if callable(el["lost"]) else bool(el["lost"])
            out.append({"dir": d, "flags": p["flags"], "lost": lost, "clientState": el["c"], "serverState": el["s"]})
            i += 1
            n += 1
        if n < el["min"]:
            raise RuntimeError(f"expected {el} at packet {i}, got {pkts[i:i + 3]}")
    if i != len(pkts):
        raise RuntimeError(f"unexpected packets {pkts[i:]}")
    return out


def server(port, backlog=4):
    s = socket.socket(AF)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((HOST, port))
    s.listen(backlog)
    return s


def client():
    c = socket.socket(AF)
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return c


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def send_rst(sport, dport, seq):
    """A bare RST (no ACK, no options) from HOST:sport to HOST:dport, built by hand on a raw socket."""
    hdr = struct.pack("!HHIIBBHHH", sport, dport, seq, 0, 5 << 4, 0x04, 0, 0, 0)
    src = socket.inet_pton(AF, HOST)
    if AF == socket.AF_INET:
        pseudo = src + src + struct.pack("!BBH", 0, socket.IPPROTO_TCP, len(hdr))
    else:
        pseudo = src + src + struct.pack("!IxxxB", len(hdr), socket.IPPROTO_TCP)
    hdr = hdr[:16] + struct.pack("!H", csum(pseudo + hdr)) + hdr[18:]
    r = socket.socket(AF, socket.SOCK_RAW, socket.IPPROTO_TCP)
    r.sendto(hdr, (HOST, 0))
    r.close()


def last_seq(pcap, sport, flag):
    """Absolute sequence number of the last segment from sport whose flags contain flag (read from the pcap so far)."""
    out = subprocess.run(["tcpdump", "-nn", "-S", "-r", pcap, f"tcp src port {sport}"], capture_output=True, text=True).stdout
    seq = None
    for line in out.splitlines():
        m = re.search(r"Flags \[([^\]]*)\], seq (\d+)", line)
        if m and flag in m[1]:
            seq = int(m[2])
    return seq


E, SS, SR, FW1, FW2, CW, CL, LA, TW, CLO, LI = (
    "ESTABLISHED", "SYN_SENT", "SYN_RECEIVED", "FIN_WAIT_1", "FIN_WAIT_2", "CLOSE_WAIT",
    "CLOSING", "LAST_ACK", "TIME_WAIT", "CLOSED", "LISTEN")
HANDSHAKE = [P("C", "S", SS, SR), P("S", "S.", E, SR), P("C", ".", E, E)]
HANDSHAKE_ECN = [P("C", "SEW", SS, SR), P("S", "S.E", E, SR), P("C", ".", E, E)]


def scenario_normal(ctx):
    """Open, data both ways, the client closes, the server ACKs the FIN on its own, then closes."""
    srv = server(ctx.port)
    ctx.start()
    c = client()
    ctx.step("handshake", lambda: c.connect((HOST, ctx.port)), HANDSHAKE)
    a, _ = srv.accept()
    ctx.step("data", lambda: (c.send(b"hello"), a.recv(100), a.send(b"world"), c.recv(100)), [ANY(E, E)])
    ctx.step("client close", c.close, [P("C", "F.", FW1, CW), P("S", ".", FW2, CW)], wait=0.4)
    ctx.step("server close", a.close, [P("S", "F.", TW, LA), P("C", ".", TW, CLO)])
    srv.close()


def scenario_finack(ctx):
    """The server closes as soon as it reads EOF: its FIN carries the ACK of the client's FIN (FIN_WAIT_1 → TIME_WAIT)."""
    srv = server(ctx.port)
    ctx.start()
    c = client()
    ctx.step("handshake", lambda: c.connect((HOST, ctx.port)), HANDSHAKE)
    a, _ = srv.accept()
    ctx.step("data", lambda: (c.send(b"hello"), a.recv(100)), [ANY(E, E)])

    def both():
        c.close()
        a.recv(100)  # EOF
        a.close()

    ctx.step("close", both, [P("C", "F.", FW1, CW), P("S", "F.", TW, LA), P("C", ".", TW, CLO)])
    srv.close()


def scenario_simclose(ctx):
    """Both FINs are dropped, so each end sends its FIN before receiving the other's: CLOSING."""
    srv = server(ctx.port)
    ctx.start()
    c = client()
    ctx.step("handshake", lambda: c.connect((HOST, ctx.port)), HANDSHAKE)
    a, _ = srv.accept()

    def both():
        rules(f"tcp dport {ctx.port} tcp flags & fin == fin drop", f"tcp sport {ctx.port} tcp flags & fin == fin drop")
        c.shutdown(socket.SHUT_WR)
        time.sleep(0.05)
        a.shutdown(socket.SHUT_WR)
        time.sleep(0.05)

    ctx.step("both close, FINs lost", both,
             [P("C", "F.", FW1, E, lost=True), P("C", "F.", FW1, E, lost=True, min=0, max=5),
              P("S", "F.", FW1, FW1, lost=True), P(None, "F.", FW1, FW1, lost=True, min=0, max=10)], wait=0)
    rules()
    ctx.step("retransmitted FINs", lambda: None,
             [P("C", "F.", FW1, CL), P("S", ".", FW2, CL), P("S", "F.", TW, CL), P("C", ".", TW, TW)], wait=1.5)
    c.close()
    a.close()
    srv.close()


def scenario_halfclose(ctx):
    """ECN on; the client shuts down its sending side, the server keeps sending, then closes."""
    subprocess.run(["sysctl", "-q", "-w", "net.ipv4.tcp_ecn=1"], check=True)
    srv = server(ctx.port)
    ctx.start()
    c = client()
    ctx.step("handshake", lambda: c.connect((HOST, ctx.port)), HANDSHAKE_ECN)
    subprocess.run(["sysctl", "-q", "-w", "net.ipv4.tcp_ecn=2"], check=True)
    a, _ = srv.accept()
    ctx.step("client shutdown", lambda: c.shutdown(socket.SHUT_WR), [P("C", "F.", FW1, CW), P("S", ".", FW2, CW)], wait=0.4)
    ctx.step("server data after the FIN", lambda: (a.send(b"more data"), c.recv(100)), [P("S", "P.", FW2, CW), P("C", ".", FW2, CW)], wait=0.4)
    ctx.step("server close", a.close, [P("S", "F.", TW, LA), P("C", ".", TW, CLO)])
    c.close()
    srv.close()


def scenario_refused(ctx):
    """Nothing listens: the SYN is answered by RST,ACK."""
    ctx.listener = False
    ctx.start()
    c = client()
    ctx.step("connect", lambda: c.connect_ex((HOST, ctx.port)), [P("C", "S", SS, CLO), P("S", "R.", CLO, CLO)])
    c.close()


def scenario_abort(ctx):
    """Data, then close() with SO_LINGER {1, 0}: an abortive close, RST instead of FIN."""
    srv = server(ctx.port)
    ctx.start()
    c = client()
    ctx.step("handshake", lambda: c.connect((HOST, ctx.port)), HANDSHAKE)
    a, _ = srv.accept()
    ctx.step("data", lambda: (c.send(b"request"), a.recv(100), a.send(b"partial reply"), c.recv(100)), [ANY(E, E)])

    def abort():
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()

    ctx.step("client abort", abort, [P("C", "R.", CLO, CLO)])
    a.close()
    srv.close()


def scenario_twrst(ctx):
    """A normal close leaves the client in TIME_WAIT; a RST in its window then kills it (RFC 1337 assassination)."""
    srv = server(ctx.port)
    ctx.start()
    c = client()
    ctx.step("handshake", lambda: c.connect((HOST, ctx.port)), HANDSHAKE)
    a, _ = srv.accept()
    cport = ctx.cport

    def both():
        c.close()
        a.recv(100)
        a.close()

    ctx.step("close", both, [P("C", "F.", FW1, CW), P("S", "F.", TW, LA), P("C", ".", TW, CLO)])
    fin = last_seq(ctx.cap.pcap, ctx.port, "F")
    ctx.step("RST to TIME_WAIT", lambda: send_rst(ctx.port, cport, fin + 1), [P("S", "R", CLO, CLO)])
    srv.close()


def scenario_retrans(ctx):
    """The first SYN is dropped (retransmitted after 1 s); the first of two data segments is dropped (SACK, retransmission)."""
    srv = server(ctx.port)
    ctx.start()
    c = client()
    rules(f"tcp dport {ctx.port} tcp flags & (syn|ack) == syn drop")
    c.setblocking(False)
    ctx.step("SYN lost", lambda: c.connect_ex((HOST, ctx.port)), [P("C", "S", SS, LI, lost=True)], wait=0.5)
    rules()
    ctx.step("SYN retransmitted", lambda: None, HANDSHAKE, wait=1.0)
    c.setblocking(True)
    a, _ = srv.accept()
    big = 52 + 100 if FAMILY == "4" else 72 + 100
    rules(f"tcp dport {ctx.port} meta length {big} drop")

    def sends():
        c.send(b"x" * 100)
        time.sleep(0.01)
        c.send(b"y" * 10)
        time.sleep(0.1)

    ctx.step("data lost", sends, [ANY(E, E, lost=lambda p, d: d == "C" and p["length"] == 100)], wait=0)
    rules()
    ctx.step("data retransmitted", lambda: a.recv(200), [ANY(E, E)], wait=0.8)

    def both():
        c.close()
        a.recv(100)
        a.close()

    ctx.step("close", both, [P("C", "F.", FW1, CW), P("S", "F.", TW, LA), P("C", ".", TW, CLO)])
    srv.close()


def scenario_lostack(ctx):
    """The client's final ACK is dropped: the server retransmits its FIN from LAST_ACK, the client re-ACKs from TIME_WAIT."""
    srv = server(ctx.port)
    ctx.start()
    c = client()
    ctx.step("handshake", lambda: c.connect((HOST, ctx.port)), HANDSHAKE)
    a, _ = srv.accept()
    ctx.step("client close", c.close, [P("C", "F.", FW1, CW), P("S", ".", FW2, CW)], wait=0.4)
    rules(f"tcp dport {ctx.port} drop")
    ctx.step("server close, final ACK lost", lambda: (a.close(), time.sleep(0.1)),
             [P("S", "F.", TW, LA), P("C", ".", TW, LA, lost=True),
              P("S", "F.", TW, LA, min=0, max=3), P("C", ".", TW, LA, lost=True, min=0, max=3)], wait=0)
    rules()
    ctx.step("FIN retransmitted", lambda: None, [P("S", "F.", TW, LA), P("C", ".", TW, CLO)], wait=1.0)
    srv.close()


def scenario_midclose(ctx):
    """The capture ends with the client in FIN_WAIT_2 and the server in CLOSE_WAIT (it never closes)."""
    srv = server(ctx.port)
    ctx.start()
    c = client()
    ctx.step("handshake", lambda: c.connect((HOST, ctx.port)), HANDSHAKE)
    a, _ = srv.accept()
    ctx.step("data", lambda: (c.send(b"GET /"), a.recv(100), a.send(b"200 OK"), c.recv(100)), [ANY(E, E)])
    ctx.step("client close", c.close, [P("C", "F.", FW1, CW), P("S", ".", FW2, CW)], wait=0.4)
    ctx.after = lambda: (a.close(), srv.close())


def scenario_midstart(ctx):
    """The capture starts on an established connection; the server closes first this time."""
    srv = server(ctx.port)
    c = client()
    c.connect((HOST, ctx.port))
    a, _ = srv.accept()
    time.sleep(0.2)
    ctx.start(cport=c.getsockname()[1])
    ctx.step("data", lambda: (a.send(b"banner"), c.recv(100), c.send(b"quit"), a.recv(100)), [ANY(E, E)])
    ctx.step("server close", a.close, [P("S", "F.", CW, FW1), P("C", ".", CW, FW2)], wait=0.4)
    ctx.step("client close", c.close, [P("C", "F.", LA, TW), P("S", ".", CLO, TW)])
    srv.close()


SCENARIOS = {
    "normal": (7100, scenario_normal), "finack": (7101, scenario_finack), "simclose": (7102, scenario_simclose),
    "halfclose": (7103, scenario_halfclose), "refused": (7104, scenario_refused), "abort": (7105, scenario_abort),
    "twrst": (7106, scenario_twrst), "retrans": (7107, scenario_retrans), "lostack": (7108, scenario_lostack),
    "midclose": (7109, scenario_midclose), "midstart": (7110, scenario_midstart),
}


class Ctx:
    def __init__(self, name, port):
        self.name, self.port = name, port
        self.cap = Capture(name)
        self.steps = []
        self.listener = True
        self.cport = None
        self.after = None
        self.mid_start = False

    def start(self, cport=None):
        self.cap.start(self.port)
        if cport is not None:
            self.cport, self.mid_start = cport, True

    def step(self, what, action, pattern, wait=0.3):
        t0 = time.time()
        action()
        if self.cport is None:
            self.cport = self._find_cport()
        time.sleep(wait)
        self.steps.append({"step": what, "t0": t0, "t1": time.time(), "pattern": pattern,
                           "ss": ss_states(self.port, self.cport)})

    def _find_cport(self):
        out = subprocess.run(["ss", "-Htan", f"-{FAMILY}", f"( dport = :{self.port} )"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            return int(line.split()[3].rsplit(":", 1)[1])
        pk = packets(self.cap.pcap)  # refused: the socket is already gone
        return pk[0]["sport"]


def run(name):
    port, fn = SCENARIOS[name]
    ctx = Ctx(name, port)
    fn(ctx)
    ctx.cap.stop()
    if ctx.after:
        ctx.after()
    pk = packets(ctx.cap.pcap)
    if len(pk) != len(packets(ctx.cap.anypcap)):
        raise RuntimeError(f"{name}: lo and any captures differ in packet count")
    truth, checks = [], []
    for st in ctx.steps:
        mine = [p for p in pk if st["t0"] <= p["t"] < st["t1"]]
        try:
            rows = match(mine, st["pattern"], ctx.cport)
        except RuntimeError:
            for s2 in ctx.steps:
                print(s2["step"], s2["t0"], s2["t1"], s2["ss"], file=sys.stderr)
            for p in pk:
                print(p, file=sys.stderr)
            raise
        for r in rows:
            r["step"] = st["step"]
        truth += rows
        want = (rows[-1]["clientState"], rows[-1]["serverState"]) if rows else (truth[-1]["clientState"], truth[-1]["serverState"]) if truth else (E, E)
        got = tuple(st["ss"])
        # ss sees sockets, not request socks being dropped: a server end that was never created is CLOSED, or LISTEN before its SYN
        if got != want and not (want[1] == LI and got[1] == CLO):
            raise RuntimeError(f"{name}/{st['step']}: ss shows {got}, design says {want}")
        checks.append({"step": st["step"], "client": got[0], "server": got[1]})
    if len(truth) != len(pk):
        raise RuntimeError(f"{name}: {len(pk) - len(truth)} packets outside every step")
    for i, r in enumerate(truth):
        r["packet"] = i + 1
    json.dump({
        "scenario": name, "family": f"IPv{FAMILY}", "doc": fn.__doc__,
        "client": {"host": HOST, "port": ctx.cport}, "server": {"host": HOST, "port": port},
        "midStart": ctx.mid_start, "listener": ctx.listener,
        "packets": [{k: r[k] for k in ("packet", "dir", "flags", "lost", "clientState", "serverState", "step")} for r in truth],
        "ssChecks": checks,
    }, open(os.path.join(OUT, f"{name}-v{FAMILY}.truth.json"), "w"), indent=1)
    print(f"{name}-v{FAMILY}: {len(pk)} packets, {len(checks)} ss checks ok")


if __name__ == "__main__":
    for n in (ONLY or list(SCENARIOS)):
        run(n)
