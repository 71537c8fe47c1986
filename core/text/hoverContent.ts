// Pure (extension host, unit tests): the Markdown of a connection-line hover, in the content language.
import { describePath } from '../tcp/pathInference';
import { stateReference } from '../tcp/stateReference';
import type { Lang, Localized } from '../tcp/types';
import type { ConnectionAtLine } from '../document/connectionAtLine';
import { netstatCut, type CutVerdict } from '../parse/netstatCut';
import { codeSpan, commandLink, escapeProse } from './markdown';
import { timerText } from './timerText';

/** Labels of the hover; domain content, so data in both languages rather than l10n calls. */
const W = {
  meaning: { en: 'What it means', zh: '含义' },
  side: { en: 'This side', zh: '本端' },
  next: { en: 'What comes next', zh: '接下来' },
  many: { en: 'When there are many', zh: '数量很多时' },
  knobs: { en: 'Knobs that matter', zh: '相关参数' },
  path: { en: 'Path', zh: '路径' },
  server: { en: 'server side (it listens on the local port)', zh: '服务端（本地端口上有监听）' },
  client: { en: 'client side (nothing listens on the local port)', zh: '客户端（本地端口上没有监听）' },
  owner: { en: 'owner', zh: '所属进程' },
  timer: { en: 'Timer', zh: '计时器' },
  printed: { en: 'printed as', zh: '原文' },
  acceptQueue: { en: 'accept queue', zh: '全连接队列' },
  queueFull: {
    en: ' — full: one more completed handshake fits, later ones are dropped (confirm with TcpExtListenOverflows in nstat -az)',
    zh: ' — 已满：还能再放入一个完成握手的连接，之后的会被丢弃（用 nstat -az 的 TcpExtListenOverflows 确认）',
  },
  queueOverflow: {
    en: ' ⚠ overflowing: completed handshakes are being dropped',
    zh: ' ⚠ 已溢出：完成握手的连接正在被丢弃',
  },
  showOnDiagram: { en: 'Show on diagram', zh: '在状态图上显示' },
  explain: { en: 'Open the {0} card', zh: '打开 {0} 状态卡片' },
} satisfies Record<string, Localized>;

const MAX_KNOBS = 4;

export interface HoverInput {
  readonly view: ConnectionAtLine;
  /** The state text exactly as printed on the line. */
  readonly rawState: string;
  /** The document's URI, for the "Show on diagram" link. */
  readonly uri: string;
  readonly lang: Lang;
  /** The line as printed, for what only its layout tells (an address netstat cut to its column). */
  readonly lineText?: string;
}

const CUT_TEXT: Readonly<Record<CutVerdict, Localized>> = {
  cut: {
    en: '⚠ netstat cut this address to fit its 23-character column, so it is not the real address; run `netstat -W` (wide) for whole addresses.',
    zh: '⚠ 该地址被 netstat 截断以适应 23 个字符的列宽，并非真实地址；请用 `netstat -W`（宽格式）查看完整地址。',
  },
  maybe: {
    en: "This address fills netstat's 23-character column exactly, so netstat may have cut it; `netstat -W` (wide) prints whole addresses.",
    zh: '该地址恰好占满 netstat 23 个字符的列宽，可能已被截断；`netstat -W`（宽格式）会打印完整地址。',
  },
};

function bytes(n: number, lang: Lang): string {
  return lang === 'zh' ? `${n} 字节` : `${n} byte${n === 1 ? '' : 's'}`;
}

/**
 * A CLOSE-WAIT socket's Recv-Q counts the peer's FIN as one (tcp_inq() in include/net/tcp.h subtracts 1 once the
 * FIN is queued only after it has been read): an idle CLOSE-WAIT shows 1 — the application never read EOF — and
 * N > 1 means N − 1 bytes of data are also unread.
 */
function unreadText(recvQ: number, lang: Lang): string {
  if (recvQ === 1)
    return lang === 'zh'
      ? 'Recv-Q 1：这是对端的 FIN，应用尚未读到 EOF（从未读到 read() 返回 0）'
      : "Recv-Q 1: the peer's FIN, not yet read — the application never read end-of-file (read() returning 0)";
  return lang === 'zh'
    ? `Recv-Q ${recvQ}：${bytes(recvQ - 1, lang)}数据加上对端的 FIN，应用都还没有读取`
    : `Recv-Q ${recvQ}: ${bytes(recvQ - 1, lang)} of data and the peer's FIN, all unread by the application`;
}

function section(title: string, body: string): string {
  return `**${title}.** ${body}`;
}

/**
 * Timer kinds as printed: ss's tmr_name[] (off, on, keepalive, timewait, persist, unknown; iproute2 misc/ss.c) and
 * net-tools netstat -o (off, on, keepalive, timewait, probe; netstat.c), lower-cased by the parsers.
 */
const KNOWN_TIMER_KINDS: ReadonlySet<string> = new Set([
  'off',
  'on',
  'keepalive',
  'timewait',
  'persist',
  'probe',
  'unknown',
]);

/** Reference text is the product's own, but it is still escaped: it is prose, not Markdown. */
function prose(text: string): string {
  return escapeProse(text);
}

export function hoverMarkdown({ view, rawState, uri, lang, lineText }: HoverInput): string {
  const { entry } = view;
  const ref = stateReference(entry.state);
  const out: string[] = [];

  const printed = rawState !== entry.state ? ` · ${W.printed[lang]} ${codeSpan(rawState)}` : '';
  out.push(`**${entry.state}**${printed} — ${prose(ref.short[lang])}`);

  const facts: string[] = [`${codeSpan(view.local)} → ${codeSpan(view.remote)}`];
  if (view.role !== undefined) facts.push(W[view.role][lang]);
  if (entry.process !== undefined) facts.push(`${W.owner[lang]}: ${codeSpan(entry.process)}`);
  out.push(facts.join(' · '));
  if (entry.format === 'netstat' && lineText !== undefined) {
    const cut = netstatCut(lineText);
    const worst = cut.local === 'cut' || cut.remote === 'cut' ? 'cut' : (cut.local ?? cut.remote);
    // Product text with a code span of our own: the address itself is already shown in a code span above.
    if (worst !== undefined) out.push(CUT_TEXT[worst][lang]);
  }

  const timer = timerText(entry.state, entry.timer, lang);
  if (timer !== undefined && entry.timer !== undefined)
    // The kind is log text: only the kinds the tools print are written as prose; anything else (a hostile or
    // garbled `timer:(https://…,1sec,0)`) goes into a code span, where nothing is a link.
    out.push(
      `**${W.timer[lang]}:** ${KNOWN_TIMER_KINDS.has(entry.timer.kind) ? prose(timer) : codeSpan(timer)}`,
    );
  if (entry.state === 'CLOSE_WAIT' && entry.recvQ !== undefined && entry.recvQ > 0)
    out.push(unreadText(entry.recvQ, lang));
  if (
    entry.state === 'LISTEN' &&
    entry.format === 'ss' &&
    entry.recvQ !== undefined &&
    entry.sendQ !== undefined
  ) {
    // The kernel drops at sk_ack_backlog > sk_max_ack_backlog (sk_acceptq_is_full): equal is full, above overflows.
    const level =
      entry.recvQ > entry.sendQ
        ? W.queueOverflow[lang]
        : entry.recvQ === entry.sendQ
          ? W.queueFull[lang]
          : '';
    out.push(`${W.acceptQueue[lang]}: ${entry.recvQ} / ${entry.sendQ}${level}`);
  }

  out.push(section(W.meaning[lang], prose(ref.meaning[lang])));
  out.push(section(W.side[lang], prose(ref.side[lang])));
  out.push(section(W.next[lang], prose(ref.next[lang])));
  out.push(section(W.many[lang], prose(ref.many[lang])));

  if (ref.knobs.length > 0) {
    // The first few in full; the rest by name, keeping their cautions (tcp_tw_recycle is gone since 4.12…).
    const rows = ref.knobs.map((k, i) => {
      const dflt = k.default !== undefined ? ` = ${codeSpan(k.default)}` : '';
      const effect = i < MAX_KNOBS ? `: ${prose(k.effect[lang])}` : '';
      const caution = k.caution !== undefined ? ` ⚠ ${prose(k.caution[lang])}` : '';
      return `- ${codeSpan(k.name)}${dflt}${effect}${caution}`;
    });
    out.push(`**${W.knobs[lang]}**\n\n${rows.join('\n')}`);
  }

  // describePath says which steps were seen in this file and which are inferred.
  out.push(section(W.path[lang], prose(describePath(view.path, lang))));

  const links = [
    commandLink(W.showOnDiagram[lang], 'tcpStates.showOnDiagram', [uri, entry.line]),
    commandLink(W.explain[lang].replace('{0}', entry.state), 'tcpStates.explainState', [entry.state]),
  ];
  out.push(links.join(' · '));
  return out.join('\n\n');
}
