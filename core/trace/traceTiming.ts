// Pure (runs anywhere): packet timestamps as printed → seconds, for durations such as a connection's handshake.
import type { PacketLine } from './packetParser';

const CLOCK_RE = /^(?:(\d{4})-(\d\d)-(\d\d) )?(\d\d):(\d\d):(\d\d(?:\.\d+)?)$/;
const EPOCH_RE = /^-?\d+(?:\.\d+)?$/;

function clockSeconds(m: RegExpExecArray): number {
  const day = m[1] !== undefined ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 : 0;
  return day + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
}

/**
 * Seconds of every packet on one time line (NaN when the line had no timestamp, tcpdump `-t`), fed one packet at a
 * time so a long trace can be read in slices. tcpdump `-ttt` prints the delta from the previous packet in the same
 * `HH:MM:SS.frac` form as the wall clock and `-ttttt` the time since the first (tcpdump(1)); a clock that starts
 * at 00:00:00.000000 and goes backwards is read as deltas and summed. Epoch (`-tt`) and tshark's relative seconds
 * are taken as they are.
 */
export class PacketClock {
  private readonly out: Float64Array;
  private n = 0;
  private clockFrom0 = false;
  private backwards = false;
  private last = Number.NEGATIVE_INFINITY;

  constructor(count: number) {
    this.out = new Float64Array(count).fill(Number.NaN);
  }

  add(time: string | undefined): void {
    const i = this.n++;
    if (time === undefined || i >= this.out.length) return;
    const m = CLOCK_RE.exec(time);
    const v = m !== null ? clockSeconds(m) : EPOCH_RE.test(time) ? Number(time) : Number.NaN;
    if (i === 0 && m !== null && m[1] === undefined && v === 0) this.clockFrom0 = true;
    if (v < this.last) this.backwards = true;
    if (!Number.isNaN(v)) this.last = v;
    this.out[i] = v;
  }

  result(): Float64Array {
    if (this.clockFrom0 && this.backwards) {
      let sum = 0;
      for (let i = 0; i < this.out.length; i++)
        if (!Number.isNaN(this.out[i])) this.out[i] = sum += this.out[i];
      this.backwards = false;
    }
    return this.out;
  }
}

/** Seconds of every packet at once (see PacketClock). */
export function packetSeconds(packets: readonly PacketLine[]): Float64Array {
  const clock = new PacketClock(packets.length);
  for (const p of packets) clock.add(p.time);
  return clock.result();
}
