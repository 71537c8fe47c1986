// Pure (runs anywhere): the short words the CLI prints for packets of a reconstructed trace (what a packet does,
// what a connection's outcome means), in English and Chinese. Why a packet was revised is in revisionText.ts; the
// editor's longer sentences are in traceText.ts.
import type { Lang } from '../tcp/types';
import type { PacketRole, TraceOutcome } from '../trace/traceTypes';
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
