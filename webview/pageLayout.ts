// Webview (browser): the page around the diagram — toolbar, viewport, caption, legend, card — and its localized labels.
import { el } from './cards';
import { t, type StringKey } from './strings';
import { buildTraceBar, relabelTraceBar, type TraceBar } from './traceView';

/** The elements the page controller works with. */
export interface PageLayout {
  readonly zoomOut: HTMLButtonElement;
  readonly zoomIn: HTMLButtonElement;
  readonly fit: HTMLButtonElement;
  readonly compact: HTMLButtonElement;
  readonly resets: HTMLButtonElement;
  readonly viewport: HTMLElement;
  readonly canvas: HTMLElement;
  readonly status: HTMLElement;
  readonly caption: HTMLElement;
  /** Previous / next packet, shown for a trace selection only. */
  readonly trace: TraceBar;
  /** The path's transitions in words, shown in compact mode (where the diagram has no edge labels). */
  readonly steps: HTMLElement;
  readonly countsSource: HTMLElement;
  readonly card: HTMLElement;
  /** Re-applies the localized strings after `init`. */
  relabel(): void;
}

function toolButton(text: string, labelKey: StringKey, className: string): HTMLButtonElement {
  const b = el('button', `tool ${className}`, text);
  b.type = 'button';
  b.dataset.label = labelKey;
  return b;
}

function legendItem(swatch: string, key: StringKey): HTMLElement {
  const item = el('span', 'legend-item');
  const sw = el('span', `swatch ${swatch}`);
  sw.setAttribute('aria-hidden', 'true');
  const label = el('span', undefined, t(key));
  label.dataset.text = key;
  item.append(sw, label);
  return item;
}

/** Replaces the host's loading text with the page. */
export function buildPage(root: HTMLElement): PageLayout {
  const toolbar = el('div', 'toolbar');
  toolbar.setAttribute('role', 'toolbar');
  const zoomOut = toolButton('−', 'zoomOut', 'zoom-out');
  const zoomIn = toolButton('+', 'zoomIn', 'zoom-in');
  const fit = toolButton('', 'fit', 'fit');
  const compact = toolButton('', 'compact', 'toggle compact');
  const resets = toolButton('', 'resets', 'toggle resets');
  for (const b of [compact, resets]) b.setAttribute('aria-pressed', 'false');
  toolbar.append(zoomOut, zoomIn, fit, el('span', 'spacer'), compact, resets);

  const viewport = el('div', 'viewport');
  const canvas = el('div', 'canvas');
  const status = el('p', 'status');
  status.setAttribute('role', 'status');
  viewport.append(canvas, status);

  const caption = el('p', 'caption');
  caption.id = 'caption';
  caption.setAttribute('aria-live', 'polite');
  viewport.setAttribute('aria-describedby', caption.id);
  const steps = el('ol', 'path-steps');
  steps.hidden = true;

  const legend = el('div', 'legend');
  legend.append(
    legendItem('sw-client', 'legendClient'),
    legendItem('sw-server', 'legendServer'),
    legendItem('sw-observed', 'legendObserved'),
    legendItem('sw-inferred', 'legendInferred'),
    legendItem('sw-alt', 'legendAlternative'),
  );
  const countsSource = el('p', 'counts-source');
  countsSource.hidden = true;

  const card = el('section', 'card');
  card.hidden = true;
  card.setAttribute('aria-live', 'polite');

  const trace = buildTraceBar();

  root.replaceChildren(toolbar, viewport, trace.bar, caption, steps, legend, countsSource, card);
  root.removeAttribute('aria-busy');

  const relabel = (): void => {
    for (const b of [zoomOut, zoomIn, fit, compact, resets]) {
      const key = b.dataset.label as StringKey;
      b.title = t(key);
      b.setAttribute('aria-label', t(key));
    }
    fit.textContent = t('fit');
    compact.textContent = t('compact');
    resets.textContent = t('resets');
    for (const span of legend.querySelectorAll<HTMLElement>('[data-text]'))
      span.textContent = t(span.dataset.text as StringKey);
    viewport.setAttribute('aria-label', t('diagramLabel'));
    relabelTraceBar(trace);
  };
  relabel();
  return {
    zoomOut,
    zoomIn,
    fit,
    compact,
    resets,
    viewport,
    canvas,
    status,
    caption,
    trace,
    steps,
    countsSource,
    card,
    relabel,
  };
}
