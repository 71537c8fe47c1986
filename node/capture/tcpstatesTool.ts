// Node (shared by the extension host and the CLI): is bcc's tcpstates here, and may this process run it?
import { access, readFile } from 'node:fs/promises';
import { constants } from 'node:fs';

/** Where Debian/Ubuntu (`bpfcc-tools`), Fedora/Arch (`bcc-tools`) and source installs put it. */
export const TCPSTATES_PATHS = [
  '/usr/sbin/tcpstates-bpfcc',
  '/usr/share/bcc/tools/tcpstates',
  '/usr/sbin/tcpstates',
] as const;

export interface TcpstatesStatus {
  /** The executable found, if any. */
  readonly path?: string;
  /** True when found and this process has the privileges eBPF tracing needs (root, or CAP_BPF + CAP_PERFMON, or CAP_SYS_ADMIN). */
  readonly permitted: boolean;
  /** One line for the user: why it is or is not offered. */
  readonly reason: string;
}

const CAP_SYS_ADMIN = 21n;
const CAP_PERFMON = 38n;
const CAP_BPF = 39n;

/** Effective capabilities from a /proc/PID/status text. */
export function effectiveCaps(status: string): bigint {
  const m = /^CapEff:\s*([0-9a-f]+)$/m.exec(status);
  return m ? BigInt(`0x${m[1]}`) : 0n;
}

/** True when the capability set allows loading tracing BPF programs. */
export function mayTrace(caps: bigint): boolean {
  const has = (bit: bigint): boolean => ((caps >> bit) & 1n) === 1n;
  return has(CAP_SYS_ADMIN) || (has(CAP_BPF) && has(CAP_PERFMON));
}

/** Looks for tcpstates (Linux only) without running it. */
export async function detectTcpstates(platform: NodeJS.Platform): Promise<TcpstatesStatus> {
  if (platform !== 'linux') return { permitted: false, reason: 'bcc tcpstates: Linux only' };
  let path: string | undefined;
  for (const p of TCPSTATES_PATHS) {
    try {
      await access(p, constants.X_OK);
      path = p;
      break;
    } catch {
      // not here
    }
  }
  if (path === undefined)
    return { permitted: false, reason: 'bcc tcpstates: not installed (apt install bpfcc-tools)' };
  const caps = effectiveCaps(await readFile('/proc/self/status', 'utf8').catch(() => ''));
  return mayTrace(caps)
    ? { path, permitted: true, reason: `bcc tcpstates: ${path} (exact transitions: ${path} -T)` }
    : { path, permitted: false, reason: `bcc tcpstates: ${path} needs root or CAP_BPF + CAP_PERFMON` };
}
