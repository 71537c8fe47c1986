// Pure (runs anywhere): one line of BSD / macOS `netstat -an [-p tcp] [-v] [-A] [-b] [-P]` output.
import { rowDraft, type RecordDraft } from './recordDraft';
import { parseDotEndpoint } from './address';
import { normalizeStateName } from './stateNames';
import { decimalAt, isHexString, type Tokens } from './tokens';

/** Where the last BSD header put the columns a row is read by (see bsdColumnsFromHeader). */
export interface BsdColumns {
  /** Columns before Proto: 0, 1 (`Tcpcb` / `Socket`, from -A) or 2 (macOS `Socket Flowhash`). */
  readonly lead: number;
  /** Whether the header has a `(state)` column (FreeBSD -x and -T tables have none). */
  readonly state: boolean;
  /** The pid column counted from the state column (macOS -v: 3 after rhiwat shiwat, 5 with rxbytes txbytes); -1: none. */
  readonly pid: number;
  /** macOS 26's `process:pid` column counted from the state column (5: after rxbytes txbytes rhiwat shiwat); -1: none. */
  readonly process: number;
}

/**
 * Reads a BSD header: `[Tcpcb|Socket [Flowhash]] Proto Recv-Q Send-Q Local Address Foreign Address (state) [extras]`,
 * with macOS -v extras `[rxbytes txbytes] rhiwat shiwat pid epid state options …` and FreeBSD -P's `Log ID`.
 * Undefined when the line has no Proto column.
 */
export function bsdColumnsFromHeader(text: string): BsdColumns | undefined {
  const words = text.trim().split(/\s+/);
  const lead = words.indexOf('Proto');
  if (lead < 0 || lead > 2) return undefined;
  const st = words.indexOf('(state)');
  const pidAt = words.indexOf('pid');
  const procAt = words.indexOf('process:pid');
  return {
    lead,
    state: st > lead,
    pid: st > lead && pidAt > st ? pidAt - st : -1,
    process: st > lead && procAt > st ? procAt - st : -1,
  };
}

function isTcpProto(p: string): boolean {
  return p === 'tcp4' || p === 'tcp6' || p === 'tcp46' || p === 'tcp';
}

/** The number of PCB/socket columns before Proto, judged from the row itself: -1 when it is no BSD row. */
function leadOf(tok: Tokens): number {
  if (isTcpProto(tok.get(0))) return 0;
  if (!isHexString(tok.get(0), 8, 16)) return -1;
  if (isTcpProto(tok.get(1))) return 1;
  if (tok.count > 2 && isHexString(tok.get(1), 1, 8) && isTcpProto(tok.get(2))) return 2;
  return -1;
}

/** The macOS socket `state` column after pid and epid: `00102` or `0x0100`. */
function isSoState(text: string): boolean {
  if (text.length === 5 && text.charCodeAt(0) === 48) return /^[0-9a-f]{5}$/.test(text);
  return text.length > 2 && text.startsWith('0x') && isHexString(text.slice(2), 1, 8);
}

/**
 * `[pcb [flowhash]] Proto Recv-Q Send-Q Local Foreign (state) [extras]` with `tcp4`/`tcp6`/`tcp46`/`tcp` and
 * `addr.port` endpoints (`*.*`, `*.8080`, `fe80::1%lo0.5353`). Long addresses are truncated by netstat to fit
 * the column; such hosts are kept as printed (they cannot be normalised). `cols` comes from the last BSD header;
 * without one, the row's own shape says where Proto is and the pid is the column two before the socket state.
 */
export function parseBsdLine(
  text: string,
  tok: Tokens,
  line: number,
  cols?: BsdColumns,
): RecordDraft | undefined {
  const lead = leadOf(tok);
  if (lead < 0 || tok.count < lead + 6) return undefined;
  if (cols !== undefined && (cols.lead !== lead || !cols.state)) return undefined;
  const proto = tok.get(lead);
  const recvQ = decimalAt(text, tok.starts[lead + 1], tok.ends[lead + 1]);
  const sendQ = decimalAt(text, tok.starts[lead + 2], tok.ends[lead + 2]);
  if (recvQ < 0 || sendQ < 0) return undefined;
  const localText = tok.get(lead + 3);
  if (localText.lastIndexOf('.') < localText.lastIndexOf(':')) return undefined;
  const local = parseDotEndpoint(localText);
  const remote = parseDotEndpoint(tok.get(lead + 4));
  if (!local || !remote) return undefined;
  const s = lead + 5;
  const rawState = tok.get(s);
  const state = normalizeStateName(rawState);
  if (state === undefined) return undefined;
  const rec = rowDraft(line, 'bsd', state, rawState, tok.starts[s], tok.ends[s], local, remote);
  rec.proto = proto;
  rec.recvQ = recvQ;
  rec.sendQ = sendQ;
  let pidAt = -1;
  if (cols !== undefined && cols.process > 0) {
    readProcessPid(text, tok, s + cols.process, rec);
    return rec;
  }
  if (cols !== undefined) pidAt = cols.pid > 0 ? s + cols.pid : -1;
  else {
    for (let i = s + 3; i < tok.count; i++) {
      if (isSoState(tok.get(i))) {
        // Without a header: `… rhiwat shiwat NAME:PID state` (macOS 26) or `… rhiwat shiwat pid epid state`.
        if (pidOfProcessColumn(tok.get(i - 1)) >= 0) {
          readProcessPid(text, tok, allDecimal(text, tok, s + 1, s + 5) ? s + 5 : i - 1, rec);
          return rec;
        }
        pidAt = i - 2;
        break;
      }
    }
  }
  if (pidAt > s && pidAt < tok.count) {
    const pid = decimalAt(text, tok.starts[pidAt], tok.ends[pidAt]);
    if (pid > 0) rec.pid = pid;
  }
  return rec;
}

/** The pid of a `NAME:PID` word (or of its last word, `:2086`), else -1. */
function pidOfProcessColumn(word: string): number {
  const colon = word.lastIndexOf(':');
  if (colon < 0 || colon === word.length - 1) return -1;
  return /^\d{1,10}$/.test(word.slice(colon + 1)) ? Number(word.slice(colon + 1)) : -1;
}

function allDecimal(text: string, tok: Tokens, from: number, to: number): boolean {
  if (to > tok.count) return false;
  for (let i = from; i < to; i++) if (decimalAt(text, tok.starts[i], tok.ends[i]) < 0) return false;
  return true;
}

/**
 * macOS 26's `process:pid` column from word `from` on: a process name that may hold spaces, then `:PID`, right-aligned
 * before the socket state (sindresorhus/pid-port#14). netstat cuts a long name to the column (`language_server_:72514`,
 * `Antigravity IDE :2086`), so the name is everything up to the last word's colon, trailing blanks dropped.
 */
function readProcessPid(text: string, tok: Tokens, from: number, rec: RecordDraft): void {
  for (let j = from; j < tok.count; j++) {
    const word = tok.get(j);
    const pid = pidOfProcessColumn(word);
    if (pid < 0 || (j + 1 < tok.count && !isSoState(tok.get(j + 1)))) continue;
    const name = text.slice(tok.starts[from], tok.starts[j] + word.lastIndexOf(':')).trimEnd();
    rec.pid = pid;
    rec.processes.push({ name, pid });
    return;
  }
}
