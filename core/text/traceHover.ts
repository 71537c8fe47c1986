// Pure (extension host, unit tests): the Markdown of a packet-line hover, in the content language. Everything
// taken from the log (flags, endpoints, ports) goes into code spans; the product's own prose is escaped.
import { formatEndpoint } from '../parse/address';
import type { Lang, Localized } from '../tcp/types';
import type { PacketAt, TraceIndex } from '../document/traceIndex';
import { codeSpan, commandLink, escapeProse } from './markdown';
import { revisionText } from './revisionText';
import { packetRole, SIDE } from './traceText';

const W = {
  packet: { en: 'packet {0} of {1} of this connection', zh: '本连接的第 {0}/{1} 个包' },
  from: { en: 'sent by the', zh: '发送方：' },
  before: { en: 'before', zh: '之前' },
  after: { en: 'after', zh: '之后' },
  revised: { en: 'Revised', zh: '已修正' },
  seeLine: { en: 'see line {0}', zh: '见第 {0} 行' },
  retransmission: {
    en: 'This end had sent this sequence space before.',
    zh: '这一端此前已发送过这段序列号空间。',
  },
  connection: { en: 'Connection', zh: '连接' },
  showOnDiagram: { en: 'Show on diagram', zh: '在状态图上显示' },
  midStart: {
    en: 'The trace starts mid-connection; client guessed from the ports',
    zh: '抓包从连接中途开始；客户端是根据端口推测的',
  },
} satisfies Record<string, Localized>;

const fill = (t: string, ...args: (string | number)[]): string =>
  args.reduce<string>((s, a, i) => s.replace(`{${i}}`, String(a)), t);

export interface TraceHoverInput {
  readonly index: TraceIndex;
  readonly at: PacketAt;
  /** The document's URI, for the "Show on diagram" link. */
  readonly uri: string;
  readonly lang: Lang;
}

export function traceHoverMarkdown({ index, at, uri, lang }: TraceHoverInput): string {
  const p = at.packet;
  const c = at.connection;
  const out: string[] = [];
  const colon = lang === 'zh' ? '：' : ':';
  const flags = codeSpan(`[${p.packet.flags}]`);
  const where = fill(W.packet[lang], at.position + 1, c.packets.length);
  out.push(`${flags} **${escapeProse(packetRole(index, at, lang))}** · ${escapeProse(where)}`);

  const sender = SIDE[p.fromClient ? 'client' : 'server'][lang];
  out.push(
    `${codeSpan(formatEndpoint(c.client))} → ${codeSpan(formatEndpoint(c.server))} · ${W.from[lang]}${lang === 'zh' ? '' : ' '}${sender}`,
  );

  const end = (name: 'client' | 'server', before: string, after: string): string =>
    `- **${SIDE[name][lang]}**${colon} ${before === after ? `${after}` : `${before} → ${after}`}`;
  out.push(
    [end('client', p.clientBefore, p.clientState), end('server', p.serverBefore, p.serverState)].join('\n'),
  );

  if (p.retransmission && p.role !== 'retransmission') out.push(escapeProse(W.retransmission[lang]));
  if (p.revision !== undefined) {
    const why = revisionText(p.revision.kind, p.revision.byLine, lang);
    const see = fill(W.seeLine[lang], p.revision.byLine);
    out.push(`⚠ **${W.revised[lang]}${colon}** ${escapeProse(why)} (${escapeProse(see)})`);
  }
  if (c.midStart) {
    const ports = `${codeSpan(`:${c.client.port}`)} → ${codeSpan(`:${c.server.port}`)}`;
    // clientReason is English (clientGuess.ts): it names the rule, with the ports it compared.
    const why =
      lang === 'en' && c.clientBasis === 'ports'
        ? ` (${escapeProse(c.clientReason.replace(/^guessed from the ports: /, ''))})`
        : '';
    out.push(`${escapeProse(W.midStart[lang])}${why}${colon} ${ports}${lang === 'zh' ? '。' : '.'}`);
  }
  out.push(`**${W.connection[lang]}${colon}** ${codeSpan(`${c.outcome} ${c.history}`)}`);
  out.push(commandLink(W.showOnDiagram[lang], 'tcpStates.showOnDiagram', [uri, p.packet.line]));
  return out.join('\n\n');
}
