// Pure (runs anywhere): which colour family a packet's flags belong to, like the state families they lead to.
import type { PacketLine } from './packetParser';

/** SYN opens (RFC 9293 §3.5), FIN closes (§3.6), RST aborts (§3.5.2); anything else carries data or ACKs. */
export type FlagsFamily = 'opening' | 'closing' | 'reset' | 'data';

export function flagsFamily(p: Pick<PacketLine, 'syn' | 'fin' | 'rst'>): FlagsFamily {
  if (p.rst) return 'reset';
  if (p.syn) return 'opening';
  if (p.fin) return 'closing';
  return 'data';
}
