// Pure (runs anywhere): whether net-tools netstat cut an IPv6 address to fit its column (netstat without -W).

/**
 * net-tools netstat.c, tcp_do_one(): without -W (flag_wide) the address is shortened so that "address:port" fits
 * 23 characters (`local_addr[22 - strlen(port)] = '\0'`). An IPv4 endpoint never needs it (at most 21); an IPv6
 * one that fills the column exactly may have been cut, and one that is no longer a whole address was.
 */
export const NETSTAT_ADDRESS_WIDTH = 23;

/** 'cut': the printed host is not a whole IPv6 address; 'maybe': it fills the column exactly. */
export type CutVerdict = 'cut' | 'maybe';

export interface NetstatCut {
  readonly local?: CutVerdict;
  readonly remote?: CutVerdict;
}

function verdict(token: string | undefined): CutVerdict | undefined {
  if (token === undefined || token.length !== NETSTAT_ADDRESS_WIDTH) return undefined;
  const colon = token.lastIndexOf(':');
  const host = token.slice(0, colon);
  if (!host.includes(':')) return undefined;
  if (host.endsWith(':') && !host.endsWith('::')) return 'cut';
  if (!host.includes('::') && host.split(':').length < 8) return 'cut';
  return 'maybe';
}

/** The verdict for each endpoint of a net-tools `tcp6` row, from the line as printed; {} for anything else. */
export function netstatCut(line: string): NetstatCut {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'tcp6') return {};
  const local = verdict(words[3]);
  const remote = verdict(words[4]);
  return { ...(local ? { local } : {}), ...(remote ? { remote } : {}) };
}
