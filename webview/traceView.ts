// Webview (browser): a packet trace in words and controls — the caption naming both ends and the packet, and the
// previous / next packet buttons and keys, which ask the host to move the cursor (the host replies with a selection).
import type { DiagramTrace, DiagramTraceEnd } from '../core/protocol/messages';
import type { TcpState } from '../core/tcp/types';
import { el } from './cards';
import { t } from './strings';

/** The previous / next packet controls under the diagram. */
export interface TraceBar {
  readonly bar: HTMLElement;
  readonly prev: HTMLButtonElement;
  readonly next: HTMLButtonElement;
  readonly position: HTMLElement;
}

const PREV_KEYS = '[, Alt+←';
const NEXT_KEYS = '], Alt+→';

function stepButton(className: string, glyph: string): HTMLButtonElement {
  const b = el('button', `tool ${className}`);
  b.type = 'button';
  const icon = el('span', 'trace-glyph', glyph);
  icon.setAttribute('aria-hidden', 'true');
  b.append(icon, el('span', 'trace-label'));
  return b;
}

export function buildTraceBar(): TraceBar {
  const bar = el('div', 'trace-bar');
  bar.setAttribute('role', 'group');
  bar.hidden = true;
  const prev = stepButton('trace-prev', '◀');
  const next = stepButton('trace-next', '▶');
  const position = el('span', 'trace-position');
  // The caption (aria-live) says the position in words; this is its short visual twin.
  position.setAttribute('aria-hidden', 'true');
  next.classList.add('trace-next-end');
  bar.append(prev, position, next);
  relabelTraceBar({ bar, prev, next, position });
  return { bar, prev, next, position };
}

/** Localized names and tooltips (after `init`). */
export function relabelTraceBar(tb: TraceBar): void {
  tb.bar.setAttribute('aria-label', t('traceControls'));
  for (const [b, key, keys] of [
    [tb.prev, 'prevPacket', PREV_KEYS],
    [tb.next, 'nextPacket', NEXT_KEYS],
  ] as const) {
    b.setAttribute('aria-label', t(key));
    b.setAttribute(
      'aria-keyshortcuts',
      keys === PREV_KEYS ? 'BracketLeft Alt+ArrowLeft' : 'BracketRight Alt+ArrowRight',
    );
    b.title = `${t(key)} (${t('keysHint', keys)})`;
    const label = b.querySelector('.trace-label');
    if (label) label.textContent = t(key);
  }
}

/** Shows the controls for a trace (hidden without one); the buttons are disabled at the connection's ends. */
export function showTraceBar(tb: TraceBar, trace: DiagramTrace | undefined): void {
  tb.bar.hidden = trace === undefined;
  if (!trace) {
    delete tb.bar.dataset.packet;
    delete tb.bar.dataset.packetCount;
    return;
  }
  tb.bar.dataset.packet = String(trace.packet);
  tb.bar.dataset.packetCount = String(trace.packetCount);
  // A focused button that becomes disabled drops focus to <body>; the keys keep working from there.
  tb.prev.disabled = trace.packet <= 1;
  tb.next.disabled = trace.packet >= trace.packetCount;
  tb.position.textContent = `${trace.packet} / ${trace.packetCount}`;
}

/** The step a key asks for: `[` / `]`, or Alt+← / Alt+→; 0 for any other key. */
export function traceKeyStep(e: KeyboardEvent): -1 | 0 | 1 {
  if (e.ctrlKey || e.metaKey) return 0;
  if (!e.altKey && e.key === '[') return -1;
  if (!e.altKey && e.key === ']') return 1;
  if (e.altKey && e.key === 'ArrowLeft') return -1;
  if (e.altKey && e.key === 'ArrowRight') return 1;
  return 0;
}

function endPath(end: DiagramTraceEnd): TcpState[] {
  const first = end.steps[0];
  return first ? [first.from, ...end.steps.map((s) => s.to)] : [end.state];
}

function endLine(end: DiagramTraceEnd, which: 'c' | 's'): HTMLElement {
  const line = el('span', `cap-end cap-end-${which}`);
  // The letter is drawn by CSS (attr()), so the caption's text stays words only.
  const swatch = el('span', `cap-swatch cap-swatch-${which}`);
  swatch.dataset.letter = t(which === 'c' ? 'traceBadgeClient' : 'traceBadgeServer');
  swatch.setAttribute('aria-hidden', 'true');
  const path = endPath(end);
  const template = t(which === 'c' ? 'traceClient' : 'traceServer', end.endpoint, '\u0000');
  const [before = '', after = ''] = template.split('\u0000');
  const body: Node[] = [document.createTextNode(before)];
  path.forEach((s, i) => {
    if (i > 0) body.push(document.createTextNode(' → '));
    body.push(
      i === path.length - 1
        ? el('strong', `cap-current cap-current-${which}`, s)
        : document.createTextNode(s),
    );
  });
  body.push(document.createTextNode(after));
  line.append(swatch, ...body);
  return line;
}

/** The caption of a trace: the packet and what it does, then each end's path up to it, its current state last. */
export function showTraceCaption(caption: HTMLElement, trace: DiagramTrace): void {
  caption.classList.remove('empty');
  const head = el('span', 'cap-packet', t('tracePacket', String(trace.packet), String(trace.packetCount)));
  const parts: Node[] = [head];
  if (trace.role) parts.push(el('span', 'cap-role', ` · ${trace.role}`));
  // Line breaks come from CSS (block spans); a space keeps the read-back text from running words together.
  parts.push(
    document.createTextNode(' '),
    endLine(trace.client, 'c'),
    document.createTextNode(' '),
    endLine(trace.server, 's'),
  );
  caption.replaceChildren(...parts);
}
