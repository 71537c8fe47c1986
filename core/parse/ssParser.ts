// Pure (runs anywhere): one line of iproute2 `ss -tan[p][o][e][i][m]` output.
import type { ProcessRef } from './types';
import { processRef, rowDraft, type RecordDraft } from './recordDraft';
import { parseColonEndpoint } from './address';
import { normalizeStateName } from './stateNames';
import { parseSsTimer } from './timers';
import type { NameInterner } from './nameInterner';
import { decimalAt, type Tokens } from './tokens';

/** The state words ss prints (`ss_state_name` in iproute2's misc/ss.c), upper case as printed. */
export const SS_STATE_WORDS = [
  'ESTAB',
  'SYN-SENT',
  'SYN-RECV',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'TIME-WAIT',
  'UNCONN',
  'CLOSE-WAIT',
  'LAST-ACK',
  'LISTEN',
  'CLOSING',
  'BOUND-INACTIVE',
] as const;
const SS_STATES: ReadonlySet<string> = new Set(SS_STATE_WORDS);

/** True when the token at i is one of ss's state words (checked on characters, no allocation). */
export function isSsStateToken(tok: Tokens, i: number): boolean {
  if (i >= tok.count) return false;
  const s = tok.starts[i];
  const len = tok.ends[i] - s;
  if (len < 5 || len > 14) return false;
  const c = tok.text.charCodeAt(s);
  // E L S F C T U B: the first letters of ss's words; lowercase and digits fail fast.
  if (c !== 69 && c !== 76 && c !== 83 && c !== 70 && c !== 67 && c !== 84 && c !== 85 && c !== 66)
    return false;
  return SS_STATES.has(tok.get(i));
}

/**
 * Parses `[Netid] State Recv-Q Send-Q Local Peer [extras…]`. Only the `tcp` netid yields a record
 * (a `udp` row also says ESTAB). Extras are read left to right with a cursor, so a process name
 * that contains `timer:(` or `ino:` cannot be mistaken for the column.
 */
export function parseSsLine(text: string, tok: Tokens, line: number): RecordDraft | undefined {
  let i = 0;
  if (!isSsStateToken(tok, 0)) {
    if (!tok.is(0, 'tcp') || !isSsStateToken(tok, 1)) return undefined;
    i = 1;
  }
  if (tok.count < i + 5) return undefined;
  const rawState = tok.get(i);
  const state = normalizeStateName(rawState);
  if (state === undefined) return undefined;
  const recvQ = decimalAt(text, tok.starts[i + 1], tok.ends[i + 1]);
  const sendQ = decimalAt(text, tok.starts[i + 2], tok.ends[i + 2]);
  if (recvQ < 0 || sendQ < 0) return undefined;
  const local = parseColonEndpoint(tok.get(i + 3));
  const remote = parseColonEndpoint(tok.get(i + 4));
  if (!local || !remote) return undefined;
  const rec = rowDraft(line, 'ss', state, rawState, tok.starts[i], tok.ends[i], local, remote);
  rec.recvQ = recvQ;
  rec.sendQ = sendQ;
  if (i === 1) rec.proto = 'tcp';
  parseExtras(text, tok.ends[i + 4], rec);
  return rec;
}

function skipSpaces(text: string, p: number, end: number): number {
  while (p < end) {
    const c = text.charCodeAt(p);
    if (c !== 32 && c !== 9) break;
    p++;
  }
  return p;
}

function tokenEnd(text: string, p: number, end: number): number {
  while (p < end) {
    const c = text.charCodeAt(p);
    if (c === 32 || c === 9) break;
    p++;
  }
  return p;
}

/** text.indexOf(s, from), or -1 when the match does not end by `end` (the line's end inside a larger text). */
function indexBefore(text: string, s: string, from: number, end: number): number {
  const i = text.indexOf(s, from);
  return i < 0 || i + s.length > end ? -1 : i;
}

const SLICE: NameInterner = { intern: (text, s, e) => text.slice(s, e) };

/**
 * Extras after the peer column: users:(…), timer:(…), uid:, ino:, sk:, cgroup:, <->, skmem:(…).
 * `end` is where the line ends inside `text` (the fast row scanner hands in a whole chunk); `names`
 * may share process-name strings between rows.
 */
export function parseExtras(
  text: string,
  from: number,
  rec: RecordDraft,
  end = text.length,
  names: NameInterner = SLICE,
): void {
  let p = skipSpaces(text, from, end);
  while (p < end) {
    if (text.startsWith('users:((', p)) {
      p = parseUsers(text, p + 7, end, rec.processes, names);
    } else if (text.startsWith('timer:(', p)) {
      const close = indexBefore(text, ')', p + 7, end);
      // A list cut off before its ')' (`timer:(timewait,`) gives no timer: its value is unknown, not 0.
      if (close >= 0) rec.timer = parseSsTimer(text, p + 7, close);
      p = close < 0 ? tokenEnd(text, p, end) : close + 1;
    } else {
      const stop = tokenEnd(text, p, end);
      if (text.startsWith('uid:', p)) {
        const v = decimalAt(text, p + 4, stop);
        if (v >= 0) rec.uid = v;
      } else if (text.startsWith('ino:', p)) {
        const v = decimalAt(text, p + 4, stop);
        if (v > 0) rec.inode = v;
      }
      p = stop;
    }
    p = skipSpaces(text, p, end);
  }
}

/**
 * `users:(("name",pid=1,fd=2),("other",pid=3,fd=4))` starting at the first inner '('. ss does not
 * escape names (it even cuts them at the first ')' of /proc/PID/stat), so a name ends at the first
 * `",pid=` after its opening quote. Returns the offset after the list.
 */
function parseUsers(text: string, p: number, end: number, out: ProcessRef[], names: NameInterner): number {
  while (p < end && text.charCodeAt(p) === 40 && text.charCodeAt(p + 1) === 34) {
    const nameStart = p + 2;
    const marker = indexBefore(text, '",pid=', nameStart, end);
    if (marker < 0) return tokenEnd(text, p, end);
    const name = names.intern(text, nameStart, marker);
    let q = marker + 6;
    const pidStart = q;
    while (q < end && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
    const pid = decimalAt(text, pidStart, q);
    let fd = -1;
    if (text.startsWith(',fd=', q) && q + 4 <= end) {
      const fdStart = q + 4;
      q = fdStart;
      while (q < end && text.charCodeAt(q) >= 48 && text.charCodeAt(q) <= 57) q++;
      fd = decimalAt(text, fdStart, q);
    }
    out.push(processRef(name, pid, fd));
    const close = indexBefore(text, ')', q, end);
    if (close < 0) return end;
    p = close + 1;
    if (p < end && text.charCodeAt(p) === 44)
      p++; // ','
    else break;
  }
  if (p < end && text.charCodeAt(p) === 41) p++; // the list's ')'
  return p;
}
