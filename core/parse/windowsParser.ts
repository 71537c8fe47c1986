// Pure (runs anywhere): one line of Windows `netstat -an[o][b]` output, English or German.
import { rowDraft, type RecordDraft } from './recordDraft';
import { parseColonEndpoint } from './address';
import { normalizeStateName } from './stateNames';
import { decimalAt, type Tokens } from './tokens';

/**
 * `  TCP    0.0.0.0:135    0.0.0.0:0    LISTENING    748`. UDP rows have no state and yield nothing.
 * A listener's foreign address `0.0.0.0:0` / `[::]:0` is the wildcard `*:*` (see makeEndpoint).
 */
export function parseWindowsLine(text: string, tok: Tokens, line: number): RecordDraft | undefined {
  if (tok.count < 4 || !tok.is(0, 'TCP')) return undefined;
  const local = parseColonEndpoint(tok.get(1));
  const remote = parseColonEndpoint(tok.get(2));
  if (!local || !remote) return undefined;
  const rawState = tok.get(3);
  const state = normalizeStateName(rawState);
  if (state === undefined) return undefined;
  const rec = rowDraft(line, 'windows', state, rawState, tok.starts[3], tok.ends[3], local, remote);
  rec.proto = 'TCP';
  if (tok.count >= 5) {
    const pid = decimalAt(text, tok.starts[4], tok.ends[4]);
    if (pid >= 0) rec.pid = pid;
  }
  return rec;
}

/** What a line under a Windows row means for `netstat -b`. */
export type WindowsOwnerLine =
  | { readonly kind: 'exe'; readonly name: string }
  | { readonly kind: 'unknown' }
  | { readonly kind: 'component' };

/**
 * `-b` prints the executable as ` [svchost.exe]`, optionally preceded by a service (component)
 * line like `  RpcSs`, or ` Can not obtain ownership information`. Returns undefined for other lines.
 */
export function parseWindowsOwnerLine(text: string, tok: Tokens): WindowsOwnerLine | undefined {
  if (tok.count === 0) return undefined;
  const s = tok.starts[0];
  const e = tok.ends[tok.count - 1];
  if (s === 0) return undefined; // owner lines are always indented
  if (text.charCodeAt(s) === 91 && text.charCodeAt(e - 1) === 93)
    return { kind: 'exe', name: text.slice(s + 1, e - 1) };
  if (text.startsWith('Can not obtain ownership information', s)) return { kind: 'unknown' };
  if (tok.count === 1) return { kind: 'component' };
  return undefined;
}
