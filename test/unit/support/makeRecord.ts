// Node (unit tier): hand-built ConnectionRecords for tests that must not depend on a parser.
import type { TcpState } from '../../../core/tcp/types';
import type { ConnectionRecord, Endpoint, ProcessRef, TimerInfo } from '../../../core/parse/types';

export function ep(text: string): Endpoint {
  const i = text.lastIndexOf(':');
  const host = text.slice(0, i).replace(/^\[|\]$/g, '');
  return { host, port: text.slice(i + 1) };
}

export interface RecordSpec {
  line: number;
  state: TcpState;
  local: string;
  remote?: string;
  from?: TcpState;
  snapshot?: number;
  recvQ?: number;
  sendQ?: number;
  processes?: ProcessRef[];
  timer?: TimerInfo;
  format?: ConnectionRecord['format'];
}

export function makeRecord(s: RecordSpec): ConnectionRecord {
  return {
    line: s.line,
    format: s.format ?? 'ss',
    state: s.state,
    rawState: s.state,
    stateStart: 0,
    stateEnd: s.state.length,
    local: ep(s.local),
    remote: ep(s.remote ?? '*:*'),
    recvQ: s.recvQ ?? 0,
    sendQ: s.sendQ ?? 0,
    processes: s.processes ?? [],
    ...(s.timer ? { timer: s.timer } : {}),
    ...(s.snapshot !== undefined ? { snapshot: s.snapshot } : {}),
    ...(s.from ? { from: s.from } : {}),
  };
}

/** `n` records in `state` from consecutive lines, varying the local or remote port so each is its own socket. */
export function many(
  n: number,
  firstLine: number,
  spec: Omit<RecordSpec, 'line'>,
  vary: 'local' | 'remote' = 'local',
): ConnectionRecord[] {
  const out: ConnectionRecord[] = [];
  for (let i = 0; i < n; i++) {
    const base = ep(vary === 'local' ? spec.local : (spec.remote ?? '*:*'));
    const moved = `${base.host.includes(':') ? `[${base.host}]` : base.host}:${40000 + i}`;
    out.push(
      makeRecord({
        ...spec,
        line: firstLine + i,
        ...(vary === 'local' ? { local: moved } : { remote: moved }),
      }),
    );
  }
  return out;
}
