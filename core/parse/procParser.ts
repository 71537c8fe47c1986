// Pure (runs anywhere): one row of /proc/net/tcp or /proc/net/tcp6.
import type { Endpoint } from './types';
import { rowDraft, type RecordDraft } from './recordDraft';
import { compressIPv6, makeEndpoint } from './address';
import { normalizeStateName } from './stateNames';
import { decimalAt, hexAt, type Tokens } from './tokens';

/*
 * Addresses are the kernel's in-memory words printed with %08X, i.e. host byte order. We assume a
 * little-endian host (x86, arm64 — practically every machine producing these files): `0100007F`
 * is 127.0.0.1. tcp6 prints four such 32-bit words. Ports are printed already in host order.
 * `tm->when` is jiffies_to_clock_t(), i.e. ticks of USER_HZ, which is 100 on every Linux ABI, so
 * seconds = when / 100. `tr`: 0 none, 1 retransmit (net-tools calls it `on`), 2 keepalive,
 * 3 TIME_WAIT, 4 zero-window probe.
 */
const TIMER_KINDS = ['off', 'on', 'keepalive', 'timewait', 'probe'];

function byteSwappedWord(text: string, start: number): number {
  const b0 = hexAt(text, start + 6, start + 8);
  const b1 = hexAt(text, start + 4, start + 6);
  const b2 = hexAt(text, start + 2, start + 4);
  const b3 = hexAt(text, start, start + 2);
  if ((b0 | b1 | b2 | b3) < 0) return -1;
  return ((b0 << 24) >>> 0) + (b1 << 16) + (b2 << 8) + b3;
}

/** `0100007F:1F90` (or 32 hex digits for IPv6) → Endpoint; undefined when malformed. */
export function parseProcAddress(text: string): Endpoint | undefined {
  const colon = text.indexOf(':');
  if (colon !== 8 && colon !== 32) return undefined;
  if (text.length !== colon + 5) return undefined;
  const port = hexAt(text, colon + 1, colon + 5);
  if (port < 0) return undefined;
  const portText = port === 0 ? '*' : String(port);
  if (colon === 8) {
    const w = byteSwappedWord(text, 0);
    if (w < 0) return undefined;
    return makeEndpoint(`${w >>> 24}.${(w >>> 16) & 255}.${(w >>> 8) & 255}.${w & 255}`, portText);
  }
  const groups: number[] = [];
  for (let k = 0; k < 4; k++) {
    const w = byteSwappedWord(text, k * 8);
    if (w < 0) return undefined;
    groups.push(w >>> 16, w & 0xffff);
  }
  return makeEndpoint(compressIPv6(groups), portText);
}

/** `sl local rem st tx:rx tr:when retrnsmt uid timeout inode …`; the caller checked token 0 is `N:`. */
export function parseProcLine(text: string, tok: Tokens, line: number): RecordDraft | undefined {
  if (tok.count < 10) return undefined;
  const local = parseProcAddress(tok.get(1));
  const remote = parseProcAddress(tok.get(2));
  if (!local || !remote) return undefined;
  const rawState = tok.get(3);
  const state = normalizeStateName(rawState);
  if (state === undefined || rawState.length !== 2) return undefined;
  const queues = tok.get(4);
  const qc = queues.indexOf(':');
  const rec = rowDraft(line, 'proc', state, rawState, tok.starts[3], tok.ends[3], local, remote);
  rec.proto = tok.get(1).length > 13 ? 'tcp6' : 'tcp';
  if (qc > 0) {
    const tx = hexAt(queues, 0, qc);
    const rx = hexAt(queues, qc + 1, queues.length);
    if (tx >= 0) rec.sendQ = tx;
    if (rx >= 0) rec.recvQ = rx;
  }
  const timerText = tok.get(5);
  const tc = timerText.indexOf(':');
  if (tc > 0) {
    const tr = hexAt(timerText, 0, tc);
    const when = hexAt(timerText, tc + 1, timerText.length);
    const retrans = hexAt(text, tok.starts[6], tok.ends[6]);
    if (tr >= 0 && when >= 0) {
      const t: { kind: string; raw: string; seconds?: number; retrans?: number } = {
        kind: TIMER_KINDS[tr] ?? `unkn-${tr}`,
        raw: timerText,
        seconds: when / 100,
      };
      if (retrans >= 0) t.retrans = retrans;
      rec.timer = t;
    }
  }
  const uid = decimalAt(text, tok.starts[7], tok.ends[7]);
  if (uid >= 0) rec.uid = uid;
  const inode = decimalAt(text, tok.starts[9], tok.ends[9]);
  if (inode > 0) rec.inode = inode;
  return rec;
}
