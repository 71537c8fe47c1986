// Pure (runs anywhere): one line of BSD / macOS `netstat -an [-p tcp] [-v]` output.
import { rowDraft, type RecordDraft } from './recordDraft';
import { parseDotEndpoint } from './address';
import { normalizeStateName } from './stateNames';
import { decimalAt, type Tokens } from './tokens';

/**
 * `Proto Recv-Q Send-Q Local Foreign (state) [macOS -v extras]` with `tcp4`/`tcp6`/`tcp46`/`tcp`
 * and `addr.port` endpoints (`*.*`, `*.8080`, `fe80::1%lo0.5353`). Long addresses are truncated by
 * netstat to fit the column; such hosts are kept as printed (they cannot be normalised).
 */
export function parseBsdLine(text: string, tok: Tokens, line: number): RecordDraft | undefined {
  if (tok.count < 6) return undefined;
  const proto = tok.get(0);
  if (proto !== 'tcp4' && proto !== 'tcp6' && proto !== 'tcp46' && proto !== 'tcp') return undefined;
  const recvQ = decimalAt(text, tok.starts[1], tok.ends[1]);
  const sendQ = decimalAt(text, tok.starts[2], tok.ends[2]);
  if (recvQ < 0 || sendQ < 0) return undefined;
  const localText = tok.get(3);
  if (localText.lastIndexOf('.') < localText.lastIndexOf(':')) return undefined;
  const local = parseDotEndpoint(localText);
  const remote = parseDotEndpoint(tok.get(4));
  if (!local || !remote) return undefined;
  const rawState = tok.get(5);
  const state = normalizeStateName(rawState);
  if (state === undefined) return undefined;
  const rec = rowDraft(line, 'bsd', state, rawState, tok.starts[5], tok.ends[5], local, remote);
  rec.proto = proto;
  rec.recvQ = recvQ;
  rec.sendQ = sendQ;
  // macOS -v: `rhiwat shiwat pid epid state options` follow the state column.
  if (tok.count >= 10) {
    const pid = decimalAt(text, tok.starts[8], tok.ends[8]);
    if (pid > 0 && decimalAt(text, tok.starts[6], tok.ends[6]) >= 0) rec.pid = pid;
  }
  return rec;
}
