// Pure (runs anywhere): the mutable shape a dialect parser fills before LogParser hands the record out.
import type { TcpState } from '../tcp/types';
import type { ConnectionRecord, Endpoint, LogFormat, ProcessRef } from './types';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A ConnectionRecord under construction; `processes` is a plain array so owner lines can append. */
export type RecordDraft = Mutable<Omit<ConnectionRecord, 'processes'>> & { processes: ProcessRef[] };

/**
 * How outputs name a process: its name, or `pid N` when the tool printed an empty one (netstat `1/`,
 * ss `users:(("",pid=1,fd=3))`), or `?` with neither. Records keep the exact (empty) name.
 */
export function processLabel(p: ProcessRef): string {
  if (p.name !== '') return p.name;
  return p.pid !== undefined ? `pid ${p.pid}` : '?';
}

/** An owner as `users:((…))` printed it; pid and fd are -1 when absent, and then left out of the object. */
export function processRef(name: string, pid: number, fd: number): ProcessRef {
  if (pid >= 0 && fd >= 0) return { name, pid, fd };
  const r: { name: string; pid?: number; fd?: number } = { name };
  if (pid >= 0) r.pid = pid;
  if (fd >= 0) r.fd = fd;
  return r;
}

/**
 * The fields every table row has, written once for all dialects; each parser then adds what its format prints
 * (proto, queues, owners, timers). Owners start empty so owner columns and lines can append.
 */
export function rowDraft(
  line: number,
  format: LogFormat,
  state: TcpState,
  rawState: string,
  stateStart: number,
  stateEnd: number,
  local: Endpoint,
  remote: Endpoint,
): RecordDraft {
  return { line, format, state, rawState, stateStart, stateEnd, local, remote, processes: [] };
}
