// Pure (runs anywhere): packet timestamps as printed → seconds, for durations such as a connection's handshake.
import type { PacketLine } from './packetParser';

const CLOCK_RE = /^(?:(\d{4})-(\d\d)-(\d\d) )?(\d\d):(\d\d):(\d\d(?:\.\d+)?)$/;
const EPOCH_RE = /^-?\d+(?:\.\d+)?$/;

function clockSeconds(m: RegExpExecArray): number {
  const day = m[1] !== undefined ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 : 0;
  return day + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
}

/**
 * Seconds of every packet on one time line (NaN when the line had no timestamp, tcpdump `-t`). tcpdump `-ttt`
 * prints the delta from the previous packet in the same `HH:MM:SS.frac` form as the wall clock and `-ttttt` the
 * time since the first (tcpdump(1)); a clock that starts at 00:00:00.000000 and goes backwards is read as deltas
 * and summed. Epoch (`-tt`) and tshark's relative seconds are taken as they are.
 */
export function packetSeconds(packets: readonly PacketLine[]): Float64Array {
  const out = new Float64Array(packets.length).fill(Number.NaN);
  let clockFrom0 = false;
  let backwards = false;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < packets.length; i++) {
    const t = packets[i].time;
    if (t === undefined) continue;
    const m = CLOCK_RE.exec(t);
    const v = m !== null ? clockSeconds(m) : EPOCH_RE.test(t) ? Number(t) : Number.NaN;
    if (i === 0 && m !== null && m[1] === undefined && v === 0) clockFrom0 = true;
    if (v < last) backwards = true;
    if (!Number.isNaN(v)) last = v;
    out[i] = v;
  }
  if (clockFrom0 && backwards) {
    let sum = 0;
    for (let i = 0; i < out.length; i++) if (!Number.isNaN(out[i])) out[i] = sum += out[i];
  }
  return out;
}
