// Pure (extension host, unit tests): the Markdown of a connection-line hover, in the content language.
import { describePath } from '../tcp/pathInference';
import { stateReference } from '../tcp/stateReference';
import type { Lang, Localized } from '../tcp/types';
import type { ConnectionAtLine } from '../document/connectionAtLine';
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
  unread: { en: 'unread by the application (Recv-Q)', zh: '尚未被应用读取（Recv-Q）' },
  acceptQueue: { en: 'accept queue', zh: '全连接队列' },
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
}

function bytes(n: number, lang: Lang): string {
  return lang === 'zh' ? `${n} 字节` : `${n} byte${n === 1 ? '' : 's'}`;
}

function section(title: string, body: string): string {
  return `**${title}.** ${body}`;
}

/** Reference text is the product's own, but it is still escaped: it is prose, not Markdown. */
function prose(text: string): string {
  return escapeProse(text);
}

export function hoverMarkdown({ view, rawState, uri, lang }: HoverInput): string {
  const { entry } = view;
  const ref = stateReference(entry.state);
  const out: string[] = [];

  const printed = rawState !== entry.state ? ` · ${W.printed[lang]} ${codeSpan(rawState)}` : '';
  out.push(`**${entry.state}**${printed} — ${prose(ref.short[lang])}`);

  const facts: string[] = [`${codeSpan(view.local)} → ${codeSpan(view.remote)}`];
  if (view.role !== undefined) facts.push(W[view.role][lang]);
  if (entry.process !== undefined) facts.push(`${W.owner[lang]}: ${codeSpan(entry.process)}`);
  out.push(facts.join(' · '));

  const timer = timerText(entry.state, entry.timer, lang);
  if (timer !== undefined) out.push(`**${W.timer[lang]}:** ${prose(timer)}`);
  if (entry.state === 'CLOSE_WAIT' && entry.recvQ !== undefined && entry.recvQ > 0)
    out.push(`${bytes(entry.recvQ, lang)} ${W.unread[lang]}`);
  if (
    entry.state === 'LISTEN' &&
    entry.format === 'ss' &&
    entry.recvQ !== undefined &&
    entry.sendQ !== undefined
  ) {
    const warn = entry.sendQ > 0 && entry.recvQ >= entry.sendQ ? ' ⚠' : '';
    out.push(`${W.acceptQueue[lang]}: ${entry.recvQ} / ${entry.sendQ}${warn}`);
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
