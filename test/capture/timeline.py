#!/usr/bin/env python3
# Capture helper (runs as root INSIDE a throwaway network namespace, loopback only):
# walks ONE connection slowly through its whole life so that repeated `ss` snapshots
# catch every state. Client: SYN_SENT -> ESTABLISHED -> FIN_WAIT_1 -> FIN_WAIT_2 -> TIME_WAIT;
# server: ESTABLISHED -> CLOSE_WAIT -> LAST_ACK -> (gone). Drops via nftables in the namespace.
# Usage: timeline.py TRUTH.json START_FILE   (appends a line per step to stdout as it goes)
import json
import socket
import subprocess
import sys
import time

TRUTH, START = sys.argv[1], sys.argv[2]
PORT = 5100
HOLD = 2.0
steps = []


def rules(*rs):
    script = "flush chain inet tl in\n" + "".join(f"add rule inet tl in {r}\n" for r in rs)
    subprocess.run(["nft", "-f", "-"], input=script.encode(), check=True)


def step(what):
    steps.append({"t": time.time(), "step": what})


subprocess.run(["nft", "-f", "-"], check=True, input=b"add table inet tl\nadd chain inet tl in { type filter hook input priority 0 ; }\n")
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", PORT))
srv.listen(4)
open(START, "w").close()
time.sleep(1.0)  # a snapshot or two with only the listener

rules(f"tcp dport {PORT} tcp flags syn drop")  # the first SYNs are lost: client sits in SYN_SENT
c = socket.socket()
c.setblocking(False)
c.connect_ex(("127.0.0.1", PORT))
client = c.getsockname()
step("client SYN_SENT")
time.sleep(HOLD)
rules()  # the SYN retransmission (1 s, 3 s) now gets through
c.setblocking(True)
a, _ = srv.accept()
step("both ESTABLISHED")
time.sleep(HOLD)
rules(f"tcp sport {PORT} drop")  # the server's ACK of the client's FIN is lost
c.shutdown(socket.SHUT_WR)
step("client FIN_WAIT_1, server CLOSE_WAIT")
time.sleep(HOLD)
rules()  # the FIN retransmission is ACKed
step("client FIN_WAIT_2 (after the next FIN retransmission)")
time.sleep(HOLD + 1.0)
rules(f"tcp dport {PORT} drop")  # the client's ACK of the server's FIN is lost
a.close()
step("server LAST_ACK, client TIME_WAIT")
time.sleep(HOLD)
rules()
step("server gone after its FIN retransmission; client stays in TIME_WAIT")
time.sleep(HOLD)
c.close()
json.dump({
    "client": {"local": f"127.0.0.1:{client[1]}", "remote": f"127.0.0.1:{PORT}",
               "path": ["SYN_SENT", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2", "TIME_WAIT"]},
    "server": {"local": f"127.0.0.1:{PORT}", "remote": f"127.0.0.1:{client[1]}",
               "path": ["ESTABLISHED", "CLOSE_WAIT", "LAST_ACK"]},
    "listener": {"local": f"127.0.0.1:{PORT}", "remote": "*:*", "state": "LISTEN"},
    "steps": steps,
}, open(TRUTH, "w"), indent=1)
