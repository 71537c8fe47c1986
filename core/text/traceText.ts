// Pure (extension host, unit tests): what a packet line of a trace means, in words — role, states, lens, caption.
import { formatEndpoint } from '../parse/address';
import type { Lang, Localized, TcpState } from '../tcp/types';
import type { PacketAt, TraceIndex } from '../document/traceIndex';
import type { TraceConnection, TracePacket } from '../trace/traceTypes';
import type { InlineMeaningMode } from './inlineMeaning';

export const SIDE: Readonly<Record<'client' | 'server', Localized>> = {
  client: { en: 'client', zh: '客户端' },
  server: { en: 'server', zh: '服务端' },
};

function side(client: boolean, lang: Lang): string {
  return SIDE[client ? 'client' : 'server'][lang];
}

/** `client FIN_WAIT_1 → TIME_WAIT · server LAST_ACK`: only an end whose state changed shows an arrow. */
export function packetStates(p: TracePacket, lang: Lang): string {
  const end = (name: string, before: TcpState, after: TcpState): string =>
    before === after ? `${name} ${after}` : `${name} ${before} → ${after}`;
  return `${end(SIDE.client[lang], p.clientBefore, p.clientState)} · ${end(SIDE.server[lang], p.serverBefore, p.serverState)}`;
}

/** The earlier packet this one repeats (same sender, same sequence number and kind), searched backwards. */
export function originalOf(index: TraceIndex, at: PacketAt): TracePacket | undefined {
  const me = at.packet.packet;
  for (let pos = at.position - 1; pos >= 0; pos--) {
    const o = index.packetOf(at.connection, pos);
    const q = o.packet;
    if (o.fromClient !== at.packet.fromClient || o.retransmission) continue;
    if (q.seq === me.seq && q.syn === me.syn && q.fin === me.fin && q.len > 0 === me.len > 0) return o;
  }
  return undefined;
}

function dataBefore(index: TraceIndex, at: PacketAt): number {
  let n = 0;
  for (let pos = 0; pos < at.position; pos++) n += index.packetOf(at.connection, pos).packet.len;
  return n;
}

function bytes(n: number, lang: Lang): string {
  return lang === 'zh' ? `${n} 字节` : `${n} byte${n === 1 ? '' : 's'}`;
}

/** What the packet does in its connection, in words (also the diagram's `trace.role`). */
export function packetRole(index: TraceIndex, at: PacketAt, lang: Lang): string {
  const p = at.packet;
  const c = at.connection;
  const from = side(p.fromClient, lang);
  const to = side(!p.fromClient, lang);
  const zh = lang === 'zh';
  switch (p.role) {
    case 'syn':
      if (c.simultaneousOpen) return zh ? `同时打开：${from}的 SYN` : `simultaneous open: the ${from}'s SYN`;
      return zh ? `握手第 1 步（共 3 步）：${from}的 SYN` : `handshake step 1 of 3: the ${from}'s SYN`;
    case 'syn-ack':
      if (c.simultaneousOpen)
        return zh ? `同时打开：${from}的 SYN,ACK` : `simultaneous open: the ${from}'s SYN,ACK`;
      return zh
        ? `握手第 2 步（共 3 步）：${from}的 SYN,ACK`
        : `handshake step 2 of 3: the ${from}'s SYN,ACK`;
    case 'handshake-ack':
      return zh
        ? `握手第 3 步（共 3 步）：${from}的 ACK 完成握手`
        : `handshake step 3 of 3: the ${from}'s ACK completes the handshake`;
    case 'data':
      return zh
        ? `${from}发送数据：${bytes(p.packet.len, lang)}`
        : `data from the ${from}: ${bytes(p.packet.len, lang)}`;
    case 'ack':
      return zh ? `${from}的 ACK` : `an ACK from the ${from}`;
    case 'duplicate-ack': {
      const prev = at.position > 0 ? index.packetOf(c, at.position - 1).packet.line : undefined;
      const same =
        prev === undefined ? '' : zh ? `（与第 ${prev} 行相同）` : ` (the same ACK as line ${prev})`;
      return zh ? `${from}的重复 ACK${same}` : `a duplicate ACK from the ${from}${same}`;
    }
    case 'fin': {
      // RFC 9293 §3.6 figure 13: both ends sent their FIN before receiving the other's.
      const peer = p.fromClient ? p.serverBefore : p.clientBefore;
      if (peer === 'FIN_WAIT_1' || peer === 'FIN_WAIT_2' || peer === 'CLOSING')
        return zh
          ? `同时关闭：${from}的 FIN，此时${to}也已发出 FIN`
          : `simultaneous close: the ${from}'s FIN, sent while the ${to}'s FIN was on its way`;
      return zh ? `主动关闭方的 FIN：${from}先关闭` : `the active closer's FIN: the ${from} closes first`;
    }
    case 'fin-ack':
      return zh
        ? `被动关闭方的 FIN：${from}在${to}之后关闭`
        : `the passive closer's FIN: the ${from} closes after the ${to}`;
    case 'final-ack':
      return zh
        ? `最后的 ACK：${from}确认被动关闭方的 FIN`
        : `final ACK: the ${from} acknowledges the passive closer's FIN`;
    case 'retransmission': {
      const o = originalOf(index, at);
      if (o === undefined) return zh ? `${from}的重传` : `a retransmission from the ${from}`;
      return zh ? `第 ${o.packet.line} 行的重传` : `a retransmission of line ${o.packet.line}`;
    }
    case 'reset-refused':
      return zh
        ? `回应 SYN 的 RST：${c.server.port} 端口上没有监听`
        : `a reset answering a SYN: nothing listens on :${c.server.port}`;
    case 'reset-time-wait':
      return zh
        ? `发往 TIME-WAIT 的 RST：${to}的 TIME_WAIT 被提前结束（RFC 1337 所说的 TIME-WAIT 暗杀）`
        : `a reset to TIME-WAIT: it ends the ${to}'s TIME_WAIT early (RFC 1337's TIME-WAIT assassination)`;
    case 'reset': {
      const n = dataBefore(index, at);
      if (n > 0)
        return zh
          ? `数据之后的中止：${from}在交换 ${bytes(n, lang)}后用 RST 中止连接`
          : `abort after data: the ${from} resets the connection after ${bytes(n, lang)} of data`;
      return zh ? `${from}的 RST` : `a reset from the ${from}`;
    }
    default: {
      const unreachable: never = p.role;
      return unreachable;
    }
  }
}

/** The ghost text after a packet line. */
export function packetInline(
  index: TraceIndex,
  at: PacketAt,
  mode: InlineMeaningMode,
  lang: Lang,
): string | undefined {
  if (mode === 'off') return undefined;
  const parts = [packetStates(at.packet, lang)];
  if (mode === 'detailed') {
    parts.push(packetRole(index, at, lang));
    const r = at.packet.revision;
    if (r !== undefined)
      parts.push(lang === 'zh' ? `⚠ 已修正（见第 ${r.byLine} 行）` : `⚠ revised (see line ${r.byLine})`);
  }
  return `  — ${parts.join(' · ')}`;
}

/** A state sequence, shortened past two states: `SYN_SENT → … → TIME_WAIT`. */
function shortPath(states: readonly TcpState[], skipFirst: TcpState | undefined): string {
  const s = states.length > 1 && states[0] === skipFirst ? states.slice(1) : states;
  return s.length <= 2 ? s.join(' → ') : `${s[0]} → … → ${s[s.length - 1]}`;
}

/** Durations the way a reader compares them: 0.03 ms, 312.4 ms, 1.25 s. */
export function formatMs(ms: number, lang: Lang): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} ${lang === 'zh' ? '秒' : 's'}`;
  return `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ${lang === 'zh' ? '毫秒' : 'ms'}`;
}

/** `127.0.0.1:56552 → :7100 · 10 packets · client SYN_SENT → … → TIME_WAIT · server LISTEN → … → CLOSED · handshake 0.03 ms · SF ShADadFf`. */
export function connectionLensTitle(index: TraceIndex, c: TraceConnection, lang: Lang): string {
  const zh = lang === 'zh';
  const n = c.packets.length;
  const parts = [
    `${formatEndpoint(c.client)} → :${c.server.port}`,
    zh ? `${n} 个包` : `${n} packet${n === 1 ? '' : 's'}`,
    `${SIDE.client[lang]} ${shortPath(c.clientStates, c.midStart ? undefined : 'CLOSED')}`,
    `${SIDE.server[lang]} ${shortPath(c.serverStates, undefined)}`,
  ];
  const hs = index.handshakeMs(c);
  if (hs !== undefined) parts.push(`${zh ? '握手' : 'handshake'} ${formatMs(hs, lang)}`);
  parts.push(`${c.outcome} ${c.history}`);
  return parts.join(' · ');
}

/** The diagram's caption: `127.0.0.1:56552 → 127.0.0.1:7100 · packet 4 of 10 · client FIN_WAIT_1 · server CLOSE_WAIT`. */
export function traceCaption(at: PacketAt, lang: Lang): string {
  const c = at.connection;
  const k = at.position + 1;
  const n = c.packets.length;
  const where = lang === 'zh' ? `第 ${k}/${n} 个包` : `packet ${k} of ${n}`;
  return `${formatEndpoint(c.client)} → ${formatEndpoint(c.server)} · ${where} · ${SIDE.client[lang]} ${at.packet.clientState} · ${SIDE.server[lang]} ${at.packet.serverState}`;
}
