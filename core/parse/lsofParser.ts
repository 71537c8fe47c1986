// Pure (runs anywhere): one TCP row of `lsof -nP -iTCP` output (Linux, macOS, BSD).
import type { RecordDraft } from './recordDraft';
import { parseColonEndpoint } from './address';
import { normalizeStateName } from './stateNames';
import { decimal, decimalAt, type Tokens } from './tokens';

/** lsof escapes unprintable and space characters in COMMAND as `\xNN` (and `\\`, `\n` style escapes). */
export function unescapeLsof(text: string): string {
  if (text.indexOf('\\') < 0) return text;
  return text.replace(/\\x([0-9a-fA-F]{2})|\\(.)/g, (_m, hex: string | undefined, ch: string | undefined) => {
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    if (ch === 'n') return '\n';
    if (ch === 't') return '\t';
    if (ch === 'r') return '\r';
    return ch ?? '';
  });
}

/**
 * `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME`: NODE is `TCP`, NAME is `local->remote (STATE)`
 * or `*:8080 (LISTEN)`. On Linux DEVICE holds the socket inode. Rows without a `(STATE)` yield nothing.
 */
export function parseLsofLine(text: string, tok: Tokens, line: number): RecordDraft | undefined {
  if (tok.count < 10) return undefined;
  let node = -1;
  for (let i = 5; i < tok.count - 2 && i < 9; i++) {
    if (tok.is(i, 'TCP')) {
      node = i;
      break;
    }
  }
  if (node < 0) return undefined;
  const type = tok.get(4);
  if (type !== 'IPv4' && type !== 'IPv6') return undefined;
  const stateTok = tok.count - 1;
  const s = tok.starts[stateTok];
  const e = tok.ends[stateTok];
  if (text.charCodeAt(s) !== 40 || text.charCodeAt(e - 1) !== 41 || stateTok !== node + 2) return undefined;
  const rawState = text.slice(s + 1, e - 1);
  const state = normalizeStateName(rawState);
  if (state === undefined) return undefined;
  const name = tok.get(node + 1);
  const arrow = name.indexOf('->');
  const local = parseColonEndpoint(arrow >= 0 ? name.slice(0, arrow) : name);
  const remote = arrow >= 0 ? parseColonEndpoint(name.slice(arrow + 2)) : { host: '*', port: '*' };
  if (!local || !remote) return undefined;
  const pid = decimalAt(text, tok.starts[1], tok.ends[1]);
  if (pid < 0) return undefined;
  const fdText = tok.get(3);
  let fdEnd = 0;
  while (fdEnd < fdText.length && fdText.charCodeAt(fdEnd) >= 48 && fdText.charCodeAt(fdEnd) <= 57) fdEnd++;
  const fd = decimalAt(fdText, 0, fdEnd);
  const proc: { name: string; pid: number; fd?: number } = { name: unescapeLsof(tok.get(0)), pid };
  if (fd >= 0) proc.fd = fd;
  const rec: RecordDraft = {
    line,
    format: 'lsof',
    state,
    rawState,
    stateStart: s + 1,
    stateEnd: e - 1,
    local,
    remote,
    proto: type === 'IPv6' ? 'tcp6' : 'tcp',
    processes: [proc],
    user: tok.get(2),
  };
  const uid = decimal(tok.get(2));
  if (uid >= 0) rec.uid = uid;
  const inode = decimal(tok.get(5));
  if (inode > 0 && node === 7) rec.inode = inode;
  return rec;
}
