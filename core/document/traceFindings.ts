// Pure (extension host, unit tests): what a packet trace shows is wrong, one finding per connection and event.
import type { Severity } from '../analysis/diagnosisTypes';
import { formatEndpoint } from '../parse/address';
import type { Lang, Localized, TcpState } from '../tcp/types';
import { SIDE } from '../text/traceText';
import type { TraceConnection, TracePacket } from '../trace/traceTypes';
import type { TraceIndex } from './traceIndex';

export type TraceFindingId =
  | 'trace-refused'
  | 'trace-reset-after-data'
  | 'trace-handshake-incomplete'
  | 'trace-fin-retransmitted'
  | 'trace-zero-window';

export interface TraceFinding {
  readonly id: TraceFindingId;
  readonly severity: Severity;
  /** The packet line that shows it. */
  readonly line: number;
  readonly connection: number;
  readonly message: Localized;
  /** The state whose card explains it (the Explain quick fix). */
  readonly state: TcpState;
}

function conn(c: TraceConnection): string {
  return `${formatEndpoint(c.client)} → ${formatEndpoint(c.server)}`;
}

const sender = (p: TracePacket, lang: Lang): string => SIDE[p.fromClient ? 'client' : 'server'][lang];

/** The findings of one connection, in packet order. */
export function connectionFindings(index: TraceIndex, c: TraceConnection): TraceFinding[] {
  const out: TraceFinding[] = [];
  const at = (pos: number): TracePacket => index.packetOf(c, pos);
  const n = c.packets.length;
  const add = (
    id: TraceFindingId,
    severity: Severity,
    p: TracePacket,
    state: TcpState,
    message: Localized,
  ): void => {
    out.push({ id, severity, line: p.packet.line, connection: c.index, message, state });
  };
  const who = conn(c);
  let data = 0;
  let zeroSeen = false;
  let finRetransSeen = false;
  for (let pos = 0; pos < n; pos++) {
    const p = at(pos);
    const q = p.packet;
    if (p.role === 'reset-refused' && c.refused) {
      // RFC 9293 §3.10.7.1: a SYN to a CLOSED port is answered by RST; connect() fails with ECONNREFUSED.
      add('trace-refused', 'warning', p, 'SYN_SENT', {
        en: `Connection refused: ${who} — the SYN was answered by a RST, nothing listens on :${c.server.port} (connect() fails with ECONNREFUSED)`,
        zh: `连接被拒绝：${who} —— SYN 被 RST 回应，${c.server.port} 端口上没有监听（connect() 以 ECONNREFUSED 失败）`,
      });
    } else if (p.role === 'reset' && data > 0) {
      // RFC 9293 §3.10.5 ABORT: queued data is discarded and a RST is sent.
      const before = p.fromClient ? p.clientBefore : p.serverBefore;
      add('trace-reset-after-data', 'warning', p, before, {
        en: `Reset after data: the ${sender(p, 'en')} aborted ${who} with a RST after ${data} bytes of data (data not yet read or sent is lost)`,
        zh: `数据之后的重置：${sender(p, 'zh')}在 ${data} 字节数据之后用 RST 中止了 ${who}（尚未读取或发送的数据会丢失）`,
      });
    }
    if (!finRetransSeen && q.fin && p.retransmission) {
      finRetransSeen = true;
      const before = p.fromClient ? p.clientBefore : p.serverBefore;
      // RFC 9293 §3.8.1: a FIN not acknowledged before the retransmission timeout is sent again.
      add('trace-fin-retransmitted', 'info', p, before, {
        en: `FIN retransmitted: the ${sender(p, 'en')}'s FIN on ${who} was sent again — its ACK was lost or late`,
        zh: `FIN 重传：${who} 上${sender(p, 'zh')}的 FIN 被再次发送 —— 它的 ACK 丢失或迟到`,
      });
    }
    if (!zeroSeen && q.win === 0 && !q.rst && !q.syn) {
      zeroSeen = true;
      // RFC 9293 §3.8.6.1: a zero window stops the sender, which then probes until it opens.
      add('trace-zero-window', 'warning', p, 'ESTABLISHED', {
        en: `Zero window: the ${sender(p, 'en')} of ${who} advertised win 0 — its receive buffer is full (the application is not reading fast enough); the peer must stop and probe (RFC 9293 §3.8.6.1)`,
        zh: `零窗口：${who} 的${sender(p, 'zh')}通告了 win 0 —— 接收缓冲区已满（应用读取不够快）；对端必须停止发送并进行零窗口探测（RFC 9293 §3.8.6.1）`,
      });
    }
    data += q.len;
  }
  const established = c.clientStates.includes('ESTABLISHED') && c.serverStates.includes('ESTABLISHED');
  if (!c.midStart && !c.refused && !established && n > 0) {
    const synAck = c.serverStates.includes('SYN_RECEIVED') && c.history.toLowerCase().includes('h');
    add('trace-handshake-incomplete', 'warning', at(0), synAck ? 'SYN_RECEIVED' : 'SYN_SENT', {
      en: synAck
        ? `Handshake never completed: ${who} — the SYN,ACK was never acknowledged in this trace`
        : `Handshake never completed: ${who} — the SYN got no SYN,ACK in this trace (a firewall dropping it, or a listener too busy to answer)`,
      zh: synAck
        ? `握手未完成：${who} —— 抓包中 SYN,ACK 始终没有被确认`
        : `握手未完成：${who} —— 抓包中 SYN 始终没有收到 SYN,ACK（可能被防火墙丢弃，或监听方忙到无法应答）`,
    });
  }
  return out;
}

/** Findings of every connection, in line order. */
export function traceFindings(index: TraceIndex): TraceFinding[] {
  return index.connections.flatMap((c) => connectionFindings(index, c)).sort((a, b) => a.line - b.line);
}
