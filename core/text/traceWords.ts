// Pure (runs anywhere): the short words the CLI prints for packets of a reconstructed trace (what a packet does,
// why it was revised, what a connection's outcome means), in English and Chinese. The editor's longer sentences
// are in traceText.ts.
import type { Lang } from '../tcp/types';
import type { PacketRole, RevisionKind, TraceOutcome } from '../trace/traceTypes';
import { SIDE } from './traceText';

const ROLE: Record<PacketRole, Record<Lang, string>> = {
  syn: { en: 'SYN (opens the connection)', zh: 'SYN（主动打开连接）' },
  'syn-ack': { en: 'SYN,ACK (accepts the SYN)', zh: 'SYN,ACK（接受 SYN）' },
  'handshake-ack': { en: 'ACK completing the handshake', zh: '完成三次握手的 ACK' },
  data: { en: 'data', zh: '数据' },
  ack: { en: 'ACK', zh: 'ACK' },
  'duplicate-ack': { en: 'duplicate ACK', zh: '重复 ACK' },
  fin: { en: 'FIN (closes its sending side)', zh: 'FIN（关闭本方发送方向）' },
  'fin-ack': { en: "FIN after the peer's FIN", zh: '收到对端 FIN 之后的 FIN' },
  'final-ack': { en: "last ACK (acknowledges the peer's FIN)", zh: '最后一个 ACK（确认对端的 FIN）' },
  retransmission: { en: 'retransmission', zh: '重传' },
  'reset-refused': { en: 'RST: connection refused', zh: 'RST：拒绝连接' },
  reset: { en: 'RST: connection aborted', zh: 'RST：中止连接' },
  'reset-time-wait': {
    en: 'RST into TIME_WAIT (RFC 1337 assassination)',
    zh: '发往 TIME_WAIT 的 RST（RFC 1337 所说的 TIME_WAIT 暗杀）',
  },
};

/** What a retransmission carried again, from its flags. */
export type Resent = 'SYN' | 'SYN,ACK' | 'FIN' | 'data';

/** `client sent SYN (opens the connection)` / `客户端发送 SYN（主动打开连接）`; a retransmission says what it resent. */
export function roleText(role: PacketRole, fromClient: boolean, lang: Lang, resent?: Resent): string {
  const who = SIDE[fromClient ? 'client' : 'server'][lang];
  if (role === 'retransmission' && resent !== undefined)
    return lang === 'zh'
      ? `${who}重传${resent === 'data' ? '数据' : ` ${resent}`}`
      : `${who} retransmitted ${resent === 'data' ? 'data' : `its ${resent}`}`;
  return lang === 'zh' ? `${who}发送${ROLE[role].zh}` : `${who} sent ${ROLE[role].en}`;
}

// The English wording is reconstruct.ts's own (Revision.reason); these are the Chinese ones.
const REVISION_ZH: Record<RevisionKind, (line: number) => string> = {
  'fin-not-acked': (l) => `这个 FIN 在第 ${l} 行的报文段发出前未到达接收方：那个报文段的 ACK 没有覆盖它`,
  'ack-lost': (l) => `这个 ACK 丢失了：第 ${l} 行的重传证明它没有到达`,
  'fin-lost': (l) => `这个 FIN 丢失了：它在第 ${l} 行被重传，且没有被确认`,
  'syn-lost': (l) => `这个 SYN 丢失了：它在第 ${l} 行被重传，且没有得到应答`,
  'no-listener': (l) => `服务端端口上没有监听：第 ${l} 行的 RST 应答了这个 SYN`,
  'simultaneous-open': (l) => `另一端从未监听：它在第 ${l} 行发出了自己的 SYN，两端同时打开（RFC 9293 §3.5）`,
};

export function revisionText(kind: RevisionKind, reason: string, byLine: number, lang: Lang): string {
  return lang === 'zh' ? REVISION_ZH[kind](byLine) : reason;
}

// Zeek's conn_state values (docs.zeek.org, scripts/base/protocols/conn/main.zeek, `conn_state`), as
// reconstruct.ts assigns them; a trace that starts mid-connection is OTH only when no FIN is seen.
export const OUTCOME: Record<TraceOutcome, Record<Lang, string>> = {
  SF: { en: 'normal close: both ends sent FIN', zh: '正常关闭：两端都发送了 FIN' },
  S0: { en: 'SYN with no answer', zh: 'SYN 没有得到应答' },
  S1: { en: 'established, not closed in the trace', zh: '已建立，抓包中未关闭' },
  S2: { en: 'only the client closed (FIN, no FIN back)', zh: '只有客户端关闭（发出 FIN，对端未回 FIN）' },
  S3: { en: 'only the server closed (FIN, no FIN back)', zh: '只有服务端关闭（发出 FIN，对端未回 FIN）' },
  REJ: { en: 'refused: the SYN was answered by RST', zh: '被拒绝：SYN 被 RST 应答' },
  RSTO: { en: 'reset by the client (originator)', zh: '被客户端（发起方）重置' },
  RSTR: { en: 'reset by the server (responder)', zh: '被服务端（响应方）重置' },
  OTH: { en: 'mid-connection, no handshake or close seen', zh: '从连接中途开始，未见握手或关闭' },
};
