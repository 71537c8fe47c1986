// Pure (runs anywhere: host, CLI): one live snapshot written as the time series every parser here reads back.
import type { TcpState } from '../tcp/types';
import { formatEndpoint } from '../parse/address';
import type { ConnectionRecord, ProcessRef } from '../parse/types';

/** ss's own words, so the table reads like `ss -tanp` and parses as ss (and `history` follows it). */
const SS_WORDS: Readonly<Record<TcpState, string>> = {
  CLOSED: 'CLOSE',
  LISTEN: 'LISTEN',
  SYN_SENT: 'SYN-SENT',
  SYN_RECEIVED: 'SYN-RECV',
  ESTABLISHED: 'ESTAB',
  FIN_WAIT_1: 'FIN-WAIT-1',
  FIN_WAIT_2: 'FIN-WAIT-2',
  CLOSE_WAIT: 'CLOSE-WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST-ACK',
  TIME_WAIT: 'TIME-WAIT',
};

export const SNAPSHOT_HEADER =
  'State      Recv-Q Send-Q Local Address:Port             Peer Address:Port              Process';

/**
 * The name as ss prints it (quotes and parentheses included: the ss parser reads them back, as it does from
 * ss itself), except line breaks and other control characters, which become `?` so the row stays one row.
 */
function safeName(name: string): string {
  // eslint-disable-next-line no-control-regex -- a process name may hold anything
  return name.replace(/[\u0000-\u001f\u007f]/g, '?');
}

function users(processes: readonly ProcessRef[], pid: number | undefined): string {
  const list = processes.length > 0 ? processes : pid !== undefined ? [{ name: '', pid }] : [];
  if (list.length === 0) return '';
  const one = (p: ProcessRef): string =>
    `("${safeName(p.name)}"${p.pid !== undefined ? `,pid=${p.pid}` : ''}${p.fd !== undefined ? `,fd=${p.fd}` : ''})`;
  return ` users:(${list.map(one).join(',')})`;
}

/** One row in `ss -tanp` form. */
export function ssRow(r: ConnectionRecord): string {
  const state = SS_WORDS[r.state].padEnd(10);
  const q = `${String(r.recvQ ?? 0).padEnd(6)} ${String(r.sendQ ?? 0).padEnd(6)}`;
  const local = formatEndpoint(r.local).padEnd(32);
  const remote = formatEndpoint(r.remote).padEnd(32);
  return `${state} ${q} ${local} ${remote}${users(r.processes, r.pid)}`.trimEnd();
}

/** A timestamp line (ISO 8601, UTC, milliseconds), the header, then one row per record; ends with a newline. */
export function snapshotText(t: number, records: readonly ConnectionRecord[]): string {
  const lines = [new Date(t).toISOString(), SNAPSHOT_HEADER];
  for (const r of records) lines.push(ssRow(r));
  return lines.join('\n') + '\n';
}
