// Pure (runs anywhere): why a packet's effect was revised in a reconstructed trace, in English and Chinese. The one
// wording of each reason: reconstruct.ts keeps the English as Revision.reason, the CLI and the editor's hover read it here.
import type { Lang, Localized } from '../tcp/types';
import type { RevisionKind } from '../trace/traceTypes';

/** Per reason code; {0} is the line of the packet that showed it. */
const REVISION: Readonly<Record<RevisionKind, Localized>> = {
  'fin-not-acked': {
    en: 'this FIN had not reached its receiver when the segment on line {0} was sent: its ACK does not cover it',
    zh: '第 {0} 行的报文发出时这个 FIN 还没有到达接收方：它的 ACK 没有覆盖这个 FIN',
  },
  'ack-lost': {
    en: 'this ACK was lost: the retransmission on line {0} proves it never arrived',
    zh: '这个 ACK 丢失了：第 {0} 行的重传说明它没有到达',
  },
  'fin-lost': {
    en: 'this FIN was lost: it is retransmitted on line {0} and nothing acknowledged it',
    zh: '这个 FIN 丢失了：第 {0} 行重传了它，且没有任何报文确认过它',
  },
  'syn-lost': {
    en: 'this SYN was lost: it is retransmitted on line {0} and nothing answered it',
    zh: '这个 SYN 丢失了：第 {0} 行重传了它，且没有任何应答',
  },
  'no-listener': {
    en: 'nothing listened on the server port: the RST on line {0} answered this SYN',
    zh: '服务端端口上没有监听：第 {0} 行的 RST 回应了这个 SYN',
  },
  'simultaneous-open': {
    en: 'the other end never listened: it sent its own SYN on line {0}, both ends opened at once (simultaneous open, RFC 9293 §3.5)',
    zh: '另一端从未监听：它在第 {0} 行发出了自己的 SYN，两端同时打开（RFC 9293 §3.5）',
  },
};

/** `this ACK was lost: the retransmission on line 9 …` / `这个 ACK 丢失了：第 9 行的重传…`. */
export function revisionText(kind: RevisionKind, byLine: number, lang: Lang): string {
  return REVISION[kind][lang].replace('{0}', String(byLine));
}
