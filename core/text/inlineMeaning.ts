// Pure (extension host, unit tests): the ghost text after a connection line, short or detailed.
import { stateReference } from '../tcp/stateReference';
import type { Lang } from '../tcp/types';
import type { LineEntry } from '../document/lineIndex';
import { timerText } from './timerText';

export type InlineMeaningMode = 'off' | 'short' | 'detailed';

export function parseInlineMeaningMode(value: unknown): InlineMeaningMode {
  return value === 'off' || value === 'detailed' ? value : 'short';
}

/** "  — Peer closed; waiting for the app to close()" (short) or with timer, queue and owner (detailed). */
export function inlineMeaning(entry: LineEntry, mode: InlineMeaningMode, lang: Lang): string | undefined {
  if (mode === 'off') return undefined;
  const parts = [stateReference(entry.state).short[lang]];
  if (mode === 'detailed') {
    const timer = timerText(entry.state, entry.timer, lang);
    if (timer !== undefined) parts.push(timer);
    const unread = entry.state === 'CLOSE_WAIT' ? (entry.recvQ ?? 0) : 0;
    if (unread > 0)
      parts.push(lang === 'zh' ? `${unread} 字节未读` : `${unread} byte${unread === 1 ? '' : 's'} unread`);
    if (
      entry.state === 'LISTEN' &&
      entry.format === 'ss' &&
      entry.recvQ !== undefined &&
      entry.sendQ !== undefined &&
      entry.sendQ > 0
    ) {
      parts.push(
        lang === 'zh'
          ? `全连接队列 ${entry.recvQ}/${entry.sendQ}`
          : `accept queue ${entry.recvQ}/${entry.sendQ}`,
      );
    }
    if (entry.from !== undefined) parts.push(`${entry.from} → ${entry.state}`);
    if (entry.process !== undefined) parts.push(entry.process);
  }
  return `  — ${parts.join(' · ')}`;
}
