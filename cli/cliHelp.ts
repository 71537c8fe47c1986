// Node (CLI): the --help texts of the tool and of each command.
import { DEFAULT_THRESHOLDS as D } from '../core/analysis/diagnosisTypes';
import type { CommandName } from './cliArgs';

const TOOL = `Usage: tcp-states <command> [options] [FILE…]

Read ss / netstat / lsof / conntrack / /proc/net/tcp / bcc tcpstates output and tcpdump / tshark
packet traces (files, or stdin when no FILE or FILE is '-') and explain the TCP states in them.

Commands:
  parse     one line per recognised connection (--json: JSON Lines)
  history   each connection's observed path across snapshots or a transition log
  summary   counts per state, local port and process, then a diagnosis
  annotate  the input echoed with each connection line's meaning beside it
  explain   the reference entry of one state (any spelling: TIME-WAIT, 06, VERBUNDEN…)
  watch     poll this machine's connections and print each change as it is seen

Options:
  -h, --help       help for the tool, or for a command (tcp-states summary --help)
  -V, --version    print the version
  --lang en|zh     language of explanations (default from LC_ALL / LC_MESSAGES / LANG)

Examples:
  ss -tanpo | tcp-states summary
  tcp-states parse --json conns.log | jq 'select(.state == "CLOSE_WAIT")'
  tcp-states explain fin-wait-2 --lang zh
  tcp-states watch --interval 200 --port 8080 --record live.log

Exit status: 0 ok, 1 some input could not be read, 2 usage error.
`;

const COMMAND_HELP: Record<CommandName, string> = {
  parse: `Usage: tcp-states parse [--json] [FILE…]

Print every recognised connection line. Without --json a table; with --json one JSON object per line:
  {"line":N,"format":"ss|netstat|bsd|windows|proc|lsof|conntrack|tcpstates","state":S,"rawState":"…",
   "local":"HOST:PORT","remote":"HOST:PORT", …}
plus, when present: file (several inputs), proto, recvQ, sendQ, processes [{name,pid,fd}], user, uid,
inode, timer {kind,seconds,retrans,probes}, snapshot (0-based) and time for time series, from for
transition logs. IPv6 hosts are in brackets; a wildcard port is '*'.
`,
  history: `Usage: tcp-states history [--json] [FILE]

Follow each connection (its 4-tuple; a listener by its local address) through repeated snapshots
(while true; do date; ss -tanpo; sleep 1; done) or a bcc tcpstates log, and print the states it was
seen in, repeats collapsed, with the line where each state first appeared:
  10.0.0.2:51000 → 10.0.0.9:443: SYN_SENT → ESTABLISHED → TIME_WAIT (lines 3, 9, 15)
A 4-tuple reused by a new connection (TIME_WAIT, then SYN_SENT again) starts a new history.
--json prints one {"local","remote","states":[…],"lines":[…]} object per connection.

A tcpdump / tshark trace in the input is replayed once read whole; then each end of each connection,
after the table histories, from the state it was in before the connection's first packet (CLOSED for
the client, LISTEN for a server, ESTABLISHED when the trace starts mid-connection):
  #0 client 10.0.0.2:51000 → 10.0.0.9:443: CLOSED → SYN_SENT → ESTABLISHED → … (lines 2, 2, 3, …)
--json: {"side":"client|server","connection":N,"local","remote","states":[…],"lines":[…]}.
`,
  summary: `Usage: tcp-states summary [--json] [--lang en|zh] [--top N] [--threads N] [--threshold NAME=N]… [FILE…]

Count connections per state, per local port and per process (top N, default 10), per snapshot for a
time series, then diagnose: CLOSE_WAIT pile-ups, TIME_WAIT eating ephemeral ports, SYN_RECV and
SYN_SENT build-ups, accept-queue overflow, orphaned FIN_WAIT_2, lingering LAST_ACK, stuck Send-Q, and
kernel SYN-flood / conntrack-full messages. A time series is diagnosed on its last snapshot.
Several files give one report each. --json prints {"file"?,"summary","findings","trace"?} per input.
A tcpdump / tshark trace adds its connections by outcome (Zeek's SF normal close, S0 no answer, REJ
refused, RSTO / RSTR reset by the client / the server, S1-S3 not closed or half closed, OTH
mid-connection), each end's final state and the first N connections; a pure trace has no "summary".

Thresholds (--threshold NAME=N, defaults in brackets): close-wait [${D.closeWaitThreshold}], time-wait [${D.timeWaitThreshold}],
syn-recv [${D.synRecvThreshold}], syn-sent [${D.synSentThreshold}], last-ack [${D.lastAckThreshold}], fin-wait-2 [${D.finWait2Threshold}], send-q [${D.sendQThreshold} bytes],
ephemeral-ports and time-wait-seconds [by the capture's OS: Linux 28232 / 60 s, Windows 16384 / 120 s,
macOS 16384 / 30 s].

A regular file of 16 MiB or more is parsed on two threads (its two halves, merged; the output is the same
as on one). --threads 1 (or TCP_STATES_THREADS=1) keeps to one thread; stdin is always read on one.
`,
  annotate: `Usage: tcp-states annotate [--lang en|zh] [FILE]

Echo the input with each connection line's state and short meaning appended:
  tcp   ESTAB  0  0  10.0.0.1:22  10.0.0.7:5050   # ESTABLISHED: …
and each tcpdump / tshark packet line with both ends' states after it and what the packet does:
  … Flags [F.], … length 0  # client FIN_WAIT_1 → TIME_WAIT · server CLOSE_WAIT → LAST_ACK — server sent …
A trace is replayed once read whole, so from its first packet line on the output comes at the end.
Coloured when standard output is a terminal and NO_COLOR is not set.
`,
  explain: `Usage: tcp-states explain [--lang en|zh] STATE

Print the reference entry of a state: what it means, which side holds it, what comes next, how long
it lasts, what many of them mean, and the kernel knobs with their cautions. STATE may be spelled as
any tool prints it: TIME_WAIT, time-wait, TIME-WAIT, 06 (/proc hex), ESTAB, SYN_RCVD, LISTENING,
VERBUNDEN, ABHÖREN, ABH™REN, WARTEND…
`,
  watch: `Usage: tcp-states watch [--interval MS] [--duration S] [--port N] [--process NAME] [--host HOST]
                        [-p] [--json] [--record FILE] [--source auto|proc|ss|netstat]

Poll this machine's TCP table every MS milliseconds (100–10000, default 1000) for S seconds (default:
until Ctrl+C) and print each change as it is seen, one line each:
  12:00:01.234 127.0.0.1:41234 → 127.0.0.1:80 ESTABLISHED → CLOSE_WAIT (webd pid 123)
'new' is a connection that appeared, 'gone' one that went away. The first poll is the baseline.
--json prints one {"t","local","remote","from","to","process"?,"pid"?} object per change (t in ISO 8601
UTC; from null = appeared, to null = gone); the closing summary then goes to stderr.
--port N (local or remote), --process NAME (an owner, exactly) and --host HOST (the remote host) keep
only matching connections; they apply after parsing. -p (implied by --process) looks up owners.
--record FILE writes every poll as a timestamp line and an ss table: tcp-states history FILE reads it.

Sources, cheapest first: Linux /proc/net/tcp + tcp6 (no process started), else ss -tanH, else
netstat -tan; with owners ss -tanpH, else /proc/PID/fd, else netstat -tanp. macOS netstat -anv -p tcp,
Windows netstat -ano. Commands run without a shell, with fixed arguments. Another user's processes
are only named when run as root.
A state shorter than the interval can be missed: FIN_WAIT_1 and LAST_ACK on a fast network often are.
Ctrl+C (or SIGTERM) stops with a summary; exit status 0, 1 when no source could be read.
`,
};

/** Help for a command, or for the tool when none is given. */
export function helpText(command?: CommandName): string {
  return command === undefined ? TOOL : COMMAND_HELP[command];
}
