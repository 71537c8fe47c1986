// Webview (browser): the selection in words under the diagram — the caption, and in compact mode the path's transitions.
import type { DiagramSelection, DiagramStep } from '../core/protocol/messages';
import { transitionById } from '../core/tcp/transitions';
import { el } from './cards';
import { t } from './strings';
import { showTraceCaption } from './traceView';

/**
 * Writes the host's caption ("10.0.0.1:5 → 10.0.0.2:80 · observed: SYN_SENT → … → TIME_WAIT"). The text stays exactly the
 * host's (textContent); spans only let the endpoints take their own line and the current state stand out.
 */
export function showCaption(caption: HTMLElement, sel: DiagramSelection | null): void {
  caption.classList.toggle('empty', sel === null);
  if (sel === null) {
    caption.textContent = t('noSelection');
    return;
  }
  if (sel.trace) {
    showTraceCaption(caption, sel.trace);
    return;
  }
  const text = sel.caption;
  const sep = text.indexOf(' · ');
  const parts: Node[] = [];
  let rest = text;
  if (sep > 0) {
    parts.push(el('span', 'cap-ends', text.slice(0, sep)), el('span', 'cap-sep', ' · '));
    rest = text.slice(sep + 3);
  }
  // The current state is the last mention of it (the end of the path).
  const at = rest.lastIndexOf(sel.state);
  if (at >= 0) {
    parts.push(
      document.createTextNode(rest.slice(0, at)),
      el('strong', 'cap-current', sel.state),
      document.createTextNode(rest.slice(at + sel.state.length)),
    );
  } else {
    parts.push(document.createTextNode(rest));
  }
  caption.replaceChildren(...parts);
}

/** The steps compact mode lists: the path's, or for a trace the client's then the server's, each with its end. */
function listedSteps(sel: DiagramSelection): { step: DiagramStep; end?: 'c' | 's' }[] {
  if (!sel.trace) return sel.steps.map((step) => ({ step }));
  return [
    ...sel.trace.client.steps.map((step) => ({ step, end: 'c' as const })),
    ...sel.trace.server.steps.map((step) => ({ step, end: 's' as const })),
  ];
}

/** What a click on a listed transition does (open its card). */
export type OpenTransition = (transitionId: string) => void;

/**
 * In compact mode the diagram draws no edge labels, so the path's transitions are listed under it, event / action
 * first: the one place the labels of the selection still read. Hidden in the labelled layout and with no selection.
 */
export function showSteps(
  list: HTMLElement,
  sel: DiagramSelection | null,
  compact: boolean,
  open: OpenTransition,
): void {
  const steps = compact && sel ? listedSteps(sel) : [];
  list.hidden = steps.length === 0;
  list.setAttribute('aria-label', t('pathSteps'));
  const items: HTMLElement[] = [];
  for (const { step, end } of steps) {
    const tr = transitionById(step.transitionId);
    if (!tr) continue;
    const li = el('li', `step ${step.observed ? 'observed' : 'inferred'}${end ? ` end-${end}` : ''}`);
    const b = el('button', 'step-link');
    b.type = 'button';
    b.dataset.transition = tr.id;
    const num = tr.rfcNumber !== undefined ? `${tr.rfcNumber}` : '·';
    const parts = [
      el('span', 'step-no', num),
      el('span', 'step-label', tr.label),
      el('span', 'step-to', `→ ${step.to}`),
    ];
    if (end) {
      // A trace lists both ends: each step carries its end's letter (drawn by CSS) and says the end in its name.
      const endName = t(end === 'c' ? 'legendClient' : 'legendServer');
      const letter = el('span', `cap-swatch cap-swatch-${end}`);
      letter.dataset.letter = t(end === 'c' ? 'traceBadgeClient' : 'traceBadgeServer');
      letter.setAttribute('aria-hidden', 'true');
      parts.unshift(letter);
      b.title = endName;
      b.setAttribute('aria-label', `${endName}: ${num} ${tr.label} → ${step.to}`);
    } else {
      b.title = t(step.observed ? 'legendObserved' : 'legendInferred');
    }
    b.append(...parts);
    b.addEventListener('click', () => open(tr.id));
    li.append(b);
    items.push(li);
  }
  list.replaceChildren(...items);
}
