// Pure (runs anywhere): one line of Linux net-tools `netstat -tan[p][o][e]` output, any locale.
import { rowDraft, type RecordDraft } from './recordDraft';
import { parseColonEndpoint } from './address';
import { GLUABLE_STATE_NAMES, normalizeStateName } from './stateNames';
import { parseNetstatTimer } from './timers';
import { decimal, decimalAt, type Tokens } from './tokens';

/** Which optional columns the last netstat header announced. */
export interface NetstatColumns {
  readonly user: boolean;
  readonly pid: boolean;
  readonly timer: boolean;
}

/**
 * Reads the optional columns from a `Proto Recv-Q Send-Q …` header. Localized headers translate
 * the fixed columns but keep `User`/`Inode`/`PID/Program name`/`Timer` recognisable enough: we
 * look for `Inode`, `PID/`, `Timer` (and the de/cs/pt/sv words for them are not translated in po files).
 */
export function netstatColumnsFromHeader(text: string): NetstatColumns {
  return {
    user: text.indexOf('Inode') >= 0 || text.indexOf('I-Node') >= 0,
    pid: text.indexOf('PID/') >= 0,
    timer: text.indexOf('Timer') >= 0,
  };
}

/** Linux writes `host:port`; BSD writes `host.port`. A port after the last ':' means Linux. */
export function looksLinuxAddress(addr: string): boolean {
  const colon = addr.lastIndexOf(':');
  return colon >= 0 && colon > addr.lastIndexOf('.');
}

function isParenTimer(tok: Tokens, i: number): boolean {
  return (
    i < tok.count &&
    tok.text.charCodeAt(tok.starts[i]) === 40 &&
    tok.text.charCodeAt(tok.ends[i] - 1) === 41 &&
    tok.text.indexOf('/', tok.starts[i]) < tok.ends[i]
  );
}

/**
 * `Proto Recv-Q Send-Q Local Foreign State [User Inode] [PID/Program name] [Timer]`. Only tcp/tcp6
 * rows yield records (a connected udp row also says ESTABLISHED). Handles the pre-2008 glued
 * `ESTABLISHEDkeepalive (4900.57/0/0)`, two-word localized states (cs `POSLEDNÍ ACK`) and program
 * names with spaces (`9360/Passenger Ruby`). `cols` comes from the last header, if any.
 */
export function parseNetstatLine(
  text: string,
  tok: Tokens,
  line: number,
  cols: NetstatColumns | undefined,
): RecordDraft | undefined {
  if (tok.count < 6) return undefined;
  const proto = tok.get(0);
  if (proto !== 'tcp' && proto !== 'tcp6') return undefined;
  const recvQ = decimalAt(text, tok.starts[1], tok.ends[1]);
  const sendQ = decimalAt(text, tok.starts[2], tok.ends[2]);
  if (recvQ < 0 || sendQ < 0) return undefined;
  const localText = tok.get(3);
  if (!looksLinuxAddress(localText)) return undefined;
  const local = parseColonEndpoint(localText);
  const remote = parseColonEndpoint(tok.get(4));
  if (!local || !remote) return undefined;

  let rawState = tok.get(5);
  let stateEnd = tok.ends[5];
  let next = 6;
  let gluedKind: string | undefined;
  let state = normalizeStateName(rawState);
  if (state === undefined && tok.count > 6 && rawState.length >= 3 && /^\p{L}+$/u.test(rawState)) {
    // Two-word localized states (cs `POSLEDNÍ ACK`); rawState is the exact text span.
    const two = tok.span(5, 6);
    state = normalizeStateName(two);
    if (state !== undefined) {
      rawState = two;
      stateEnd = tok.ends[6];
      next = 7;
    }
  }
  if (state === undefined) {
    for (const name of GLUABLE_STATE_NAMES) {
      if (rawState.length > name.length && rawState.startsWith(name)) {
        gluedKind = rawState.slice(name.length);
        rawState = name;
        stateEnd = tok.starts[5] + name.length;
        state = normalizeStateName(name);
        break;
      }
    }
  }
  if (state === undefined) return undefined;
  const rec = rowDraft(line, 'netstat', state, rawState, tok.starts[5], stateEnd, local, remote);
  rec.proto = proto;
  rec.recvQ = recvQ;
  rec.sendQ = sendQ;

  let last = tok.count - 1;
  if (gluedKind !== undefined) {
    if (isParenTimer(tok, next)) {
      const t = parseNetstatTimer(gluedKind, tok.get(next));
      if (t) rec.timer = t;
      next++;
    }
  } else if ((cols === undefined || cols.timer) && last > next && isParenTimer(tok, last)) {
    const t = parseNetstatTimer(tok.get(last - 1), tok.get(last));
    if (t) rec.timer = t;
    last -= 2;
  }
  const hasUser = cols
    ? cols.user
    : last - next >= 1 && decimal(tok.get(next + 1)) >= 0 && !tok.get(next).includes('/');
  if (hasUser && last - next >= 1) {
    const user = tok.get(next);
    rec.user = user;
    const uid = decimal(user);
    if (uid >= 0) rec.uid = uid;
    const inode = decimal(tok.get(next + 1));
    if (inode > 0) rec.inode = inode;
    next += 2;
  }
  if ((cols === undefined || cols.pid) && next <= last) {
    const prog = tok.span(next, last);
    const slash = prog.indexOf('/');
    if (slash > 0) {
      const pid = decimal(prog.slice(0, slash));
      if (pid >= 0) rec.processes.push({ name: prog.slice(slash + 1), pid });
    }
  }
  return rec;
}
