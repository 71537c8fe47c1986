// Pure (runs anywhere): Windows PowerShell `Get-NetTCPConnection` output, as a table (with or without its
// header) and as `Format-List` blocks.
import { makeEndpoint } from './address';
import { rowDraft, type RecordDraft } from './recordDraft';
import { decimal, type Tokens } from './tokens';
import type { TcpState } from '../tcp/types';

/*
 * MSFT_NetTCPConnection.State as PowerShell prints it (PascalCase enum names). Bound (a port bound by a socket
 * that neither listens nor connects, also netstat -q's BOUND) and DeleteTCB (the TCB being freed) have no
 * RFC 9293 state: no connection exists, the nearest is CLOSED.
 */
const PS_STATES: ReadonlyMap<string, TcpState> = new Map<string, TcpState>([
  ['Closed', 'CLOSED'],
  ['Listen', 'LISTEN'],
  ['SynSent', 'SYN_SENT'],
  ['SynReceived', 'SYN_RECEIVED'],
  ['Established', 'ESTABLISHED'],
  ['FinWait1', 'FIN_WAIT_1'],
  ['FinWait2', 'FIN_WAIT_2'],
  ['CloseWait', 'CLOSE_WAIT'],
  ['Closing', 'CLOSING'],
  ['LastAck', 'LAST_ACK'],
  ['TimeWait', 'TIME_WAIT'],
  ['DeleteTCB', 'CLOSED'],
  ['Bound', 'CLOSED'],
]);

/** The TCP templates AppliedSetting names (Get-NetTCPSetting); listeners and bound ports print none. */
const APPLIED = new Set([
  'Internet',
  'Datacenter',
  'Compat',
  'InternetCustom',
  'DatacenterCustom',
  'Automatic',
]);

/** The canonical state of a Get-NetTCPConnection State value, or undefined. Exact spelling only. */
export function powerShellState(raw: string): TcpState | undefined {
  return PS_STATES.get(raw);
}

/** An address as Get-NetTCPConnection prints it: IPv4 dotted or IPv6 (optionally `%zone`), never a name. */
function isAddress(t: string): boolean {
  if (t.indexOf(':') >= 0) return /^[0-9a-fA-F:.]+(%[0-9A-Za-z]+)?$/.test(t);
  return /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(t);
}

/**
 * A table row: `LocalAddress LocalPort RemoteAddress RemotePort State [AppliedSetting] OwningProcess`, e.g.
 * `10.23.0.2  49701  52.177.165.30  443  Established Internet  2988`. The shape is checked strictly (two
 * addresses, two ports, a PowerShell state, an optional known template, a pid) so that a header is not needed.
 */
export function parsePowerShellRow(tok: Tokens, line: number): RecordDraft | undefined {
  if (tok.count !== 6 && tok.count !== 7) return undefined;
  const state = powerShellState(tok.get(4));
  if (state === undefined) return undefined;
  if (tok.count === 7 && !APPLIED.has(tok.get(5))) return undefined;
  const pid = decimal(tok.get(tok.count - 1));
  if (pid < 0) return undefined;
  const la = tok.get(0);
  const ra = tok.get(2);
  if (!isAddress(la) || !isAddress(ra)) return undefined;
  const local = makeEndpoint(la, tok.get(1));
  const remote = makeEndpoint(ra, tok.get(3));
  if (!local || !remote) return undefined;
  const rec = rowDraft(line, 'windows', state, tok.get(4), tok.starts[4], tok.ends[4], local, remote);
  rec.pid = pid;
  return rec;
}

/**
 * `Get-NetTCPConnection | Format-List`: blocks of `Name : Value` lines (`LocalAddress   : 172.18.0.8`). The
 * record is made at the `State` line, once the block has named both endpoints; `OwningProcess` then adds the
 * pid. A `LocalAddress` line starts a new block; any other line ends it.
 */
export class PowerShellListReader {
  private fields = new Map<string, string>();
  private last: RecordDraft | undefined;

  /** Whether a block is open (the next line may continue it). */
  get open(): boolean {
    return this.fields.size > 0 || this.last !== undefined;
  }

  /** Ends the open block (a line that is not `Name : Value`). */
  reset(): void {
    if (this.fields.size > 0) this.fields = new Map();
    this.last = undefined;
  }

  /** A `Name : Value` line (tok[1] is ':'); returns the record its State line makes. */
  feed(tok: Tokens, line: number): RecordDraft | undefined {
    const key = tok.get(0);
    const value = tok.count > 2 ? tok.get(2) : '';
    if (key === 'LocalAddress') {
      this.reset();
      this.fields.set(key, value);
      return undefined;
    }
    if (this.fields.size === 0) return undefined;
    if (key === 'OwningProcess') {
      const pid = decimal(value);
      if (this.last !== undefined && pid >= 0 && tok.count === 3) this.last.pid = pid;
      return undefined;
    }
    if (key !== 'State') {
      this.fields.set(key, value);
      return undefined;
    }
    const state = powerShellState(value);
    const la = this.fields.get('LocalAddress') ?? '';
    const ra = this.fields.get('RemoteAddress') ?? '';
    if (state === undefined || tok.count !== 3 || !isAddress(la) || !isAddress(ra)) return undefined;
    const local = makeEndpoint(la, this.fields.get('LocalPort') ?? '');
    const remote = makeEndpoint(ra, this.fields.get('RemotePort') ?? '');
    if (!local || !remote) return undefined;
    const rec = rowDraft(line, 'windows', state, value, tok.starts[2], tok.ends[2], local, remote);
    this.last = rec;
    return rec;
  }
}
