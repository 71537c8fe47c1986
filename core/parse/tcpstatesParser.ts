// Pure (runs anywhere): one event of bcc / libbpf-tools `tcpstates` (plain, -T, -t, -w, -s CSV).
import type { RecordDraft } from './recordDraft';
import { makeEndpoint } from './address';
import { normalizeStateName } from './stateNames';
import { decimal, isHexString, type Tokens } from './tokens';

/*
 * Plain: `[TIME] [TIME(s)] SKADDR C-PID C-COMM [IP] LADDR LPORT RADDR RPORT OLD -> NEW MS`.
 * C-COMM may contain spaces, so the fixed columns are read from the right of `->` and from the
 * left of SKADDR (the first 8–16 hex digit token). The record's state is the NEW state and `from`
 * the old one. C-PID/C-COMM is the task on CPU when the state changed, often not the owner
 * (pid 0 = softirq); it is kept as a process only when the pid is not 0.
 */
export function parseTcpstatesLine(tok: Tokens, line: number): RecordDraft | undefined {
  let arrow = -1;
  for (let i = 5; i < tok.count; i++) {
    if (tok.is(i, '->')) {
      arrow = i;
      break;
    }
  }
  if (arrow < 0 || arrow + 1 >= tok.count) return undefined;
  let sk = -1;
  for (let i = 0; i < 3 && i < tok.count; i++) {
    if (isHexString(tok.get(i), 8, 16) && tok.get(i).indexOf(':') < 0) {
      sk = i;
      break;
    }
  }
  if (sk < 0 || arrow - sk < 7) return undefined;
  const fields = {
    time: sk > 0 ? tok.span(0, sk - 1) : undefined,
    pid: tok.get(sk + 1),
    comm: arrow - 6 >= sk + 2 ? tok.span(sk + 2, arrow - 6) : '',
    laddr: tok.get(arrow - 5),
    lport: tok.get(arrow - 4),
    raddr: tok.get(arrow - 3),
    rport: tok.get(arrow - 2),
    old: tok.get(arrow - 1),
    oldStart: tok.starts[arrow - 1],
    newState: tok.get(arrow + 1),
    newStart: tok.starts[arrow + 1],
  };
  // -w adds an IP column (`4`/`6`) after C-COMM.
  if (fields.comm.endsWith(' 4') || fields.comm.endsWith(' 6'))
    fields.comm = fields.comm.slice(0, -2).trimEnd();
  return build(fields, line);
}

/** `-s`: `[TIME,][TIME(s),]SKADDR,C-PID,C-COMM,IP,LADDR,LPORT,RADDR,RPORT,OLDSTATE,NEWSTATE,MS`. */
export function parseTcpstatesCsv(text: string, line: number): RecordDraft | undefined {
  const parts = text.split(',');
  if (parts.length < 11 || parts.length > 64) return undefined;
  let sk = -1;
  for (let i = 0; i < 3; i++) {
    if (isHexString(parts[i], 8, 16)) {
      sk = i;
      break;
    }
  }
  if (sk < 0) return undefined;
  const n = parts.length;
  // From the right: IP, LADDR, LPORT, RADDR, RPORT, OLD, NEW, MS.
  let offset = 0;
  for (let i = 0; i < n - 3; i++) offset += parts[i].length + 1;
  const oldStart = offset;
  const newStart = oldStart + parts[n - 3].length + 1;
  return build(
    {
      time: sk > 0 ? parts.slice(0, sk).join(',') : undefined,
      pid: parts[sk + 1],
      comm: parts.slice(sk + 2, n - 8).join(','),
      laddr: parts[n - 7],
      lport: parts[n - 6],
      raddr: parts[n - 5],
      rport: parts[n - 4],
      old: parts[n - 3],
      oldStart,
      newState: parts[n - 2],
      newStart,
    },
    line,
  );
}

interface Fields {
  time: string | undefined;
  pid: string;
  comm: string;
  laddr: string;
  lport: string;
  raddr: string;
  rport: string;
  old: string;
  oldStart: number;
  newState: string;
  newStart: number;
}

function build(f: Fields, line: number): RecordDraft | undefined {
  const state = normalizeStateName(f.newState);
  if (state === undefined) return undefined;
  const lport = decimal(f.lport);
  const rport = decimal(f.rport);
  if (lport < 0 || rport < 0 || f.laddr === '' || f.raddr === '') return undefined;
  const local = makeEndpoint(f.laddr, f.lport);
  const remote = makeEndpoint(f.raddr, f.rport);
  if (local === undefined || remote === undefined) return undefined;
  const rec: RecordDraft = {
    line,
    format: 'tcpstates',
    state,
    rawState: f.newState,
    stateStart: f.newStart,
    stateEnd: f.newStart + f.newState.length,
    local,
    remote,
    processes: [],
    rawFrom: f.old,
  };
  const from = normalizeStateName(f.old);
  if (from !== undefined) rec.from = from;
  if (f.time !== undefined) rec.time = f.time;
  const pid = decimal(f.pid);
  if (pid > 0) rec.processes.push({ name: f.comm, pid });
  return rec;
}
