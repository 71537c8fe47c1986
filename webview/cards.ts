// Webview (browser): the reference card of a state or a transition, built with createElement/textContent only.
import type { CardTarget } from '../core/protocol/messages';
import { stateReference, type Knob } from '../core/tcp/stateReference';
import { transitionNote } from '../core/tcp/transitionNotes';
import { transitionById, transitionsFrom, type Transition } from '../core/tcp/transitions';
import type { Lang, TcpState } from '../core/tcp/types';
import { t, type StringKey } from './strings';

/** What a card's buttons ask the page to do. */
export interface CardActions {
  open(target: CardTarget): void;
  findInLog(state: TcpState): void;
  close(): void;
}

/** createElement with optional class and text — the only way text reaches the page. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, className: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', className, label);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

function header(kindKey: StringKey, title: string, actions: CardActions): HTMLElement {
  const head = el('header', 'card-head');
  const h = el('h2', 'card-title');
  h.append(el('span', 'card-kind', t(kindKey)), el('span', 'card-name', title));
  const close = button('×', 'card-close', () => actions.close());
  close.setAttribute('aria-label', t('close'));
  close.title = t('close');
  head.append(h, close);
  return head;
}

function fields(rows: readonly (readonly [StringKey, string | undefined])[]): HTMLDListElement {
  const dl = el('dl', 'card-fields');
  for (const [key, value] of rows) {
    if (!value) continue;
    dl.append(el('dt', undefined, t(key)), el('dd', undefined, value));
  }
  return dl;
}

function knobList(knobs: readonly Knob[], lang: Lang): HTMLElement {
  const ul = el('ul', 'card-knobs');
  for (const k of knobs) {
    const li = el('li');
    const name = el('div', 'knob-name');
    name.append(el('code', undefined, k.name));
    if (k.default) name.append(el('span', 'knob-default', ` (${t('cardDefault')}: ${k.default})`));
    li.append(name, el('p', 'knob-effect', k.effect[lang]));
    if (k.caution) {
      const c = el('p', 'knob-caution');
      c.append(el('strong', undefined, `${t('cardCaution')}: `), document.createTextNode(k.caution[lang]));
      li.append(c);
    }
    ul.append(li);
  }
  return ul;
}

function transitionTitle(tr: Transition): string {
  const n = tr.rfcNumber !== undefined ? `${tr.rfcNumber}. ` : '';
  return `${n}${tr.from} → ${tr.to}`;
}

function stateCard(state: TcpState, lang: Lang, actions: CardActions): HTMLElement[] {
  const ref = stateReference(state);
  const parts: HTMLElement[] = [header('cardState', state, actions), el('p', 'card-short', ref.short[lang])];
  parts.push(
    fields([
      ['cardMeaning', ref.meaning[lang]],
      ['cardSide', ref.side[lang]],
      ['cardNext', ref.next[lang]],
      ['cardDuration', ref.duration[lang]],
      ['cardMany', ref.many[lang]],
    ]),
  );
  if (ref.knobs.length) parts.push(el('h3', undefined, t('cardKnobs')), knobList(ref.knobs, lang));
  if (ref.notes) parts.push(el('h3', undefined, t('cardNotes')), el('p', 'card-notes', ref.notes[lang]));
  const out = transitionsFrom(state);
  if (out.length) {
    parts.push(el('h3', undefined, t('cardOutgoing')));
    const list = el('div', 'card-links');
    for (const tr of out) {
      list.append(
        button(`${transitionTitle(tr)} · ${tr.label}`, 'link', () =>
          actions.open({ kind: 'transition', transitionId: tr.id }),
        ),
      );
    }
    parts.push(list);
  }
  const bar = el('div', 'card-actions');
  bar.append(button(t('findInLog'), 'primary find-in-log', () => actions.findInLog(state)));
  parts.push(bar);
  return parts;
}

const SIDE_KEY: Readonly<Record<Transition['side'], StringKey>> = {
  client: 'sideClient',
  server: 'sideServer',
  both: 'sideBoth',
};
const KIND_KEY: Readonly<Record<Transition['kind'], StringKey>> = {
  open: 'kindOpen',
  data: 'kindData',
  close: 'kindClose',
  reset: 'kindReset',
  timeout: 'kindTimeout',
};

function transitionCard(tr: Transition, lang: Lang, actions: CardActions): HTMLElement[] {
  const parts: HTMLElement[] = [header('cardTransition', transitionTitle(tr), actions)];
  const label = el('p', 'card-short');
  label.append(el('code', undefined, tr.label));
  parts.push(
    label,
    fields([
      ['cardEvent', tr.event[lang]],
      ['cardAction', tr.action[lang]],
      ['cardSide', t(SIDE_KEY[tr.side])],
      ['cardKind', t(KIND_KEY[tr.kind])],
      ['cardRfcRow', tr.rfcNumber !== undefined ? String(tr.rfcNumber) : undefined],
      ['cardFigure5', t(tr.figure5 ? 'yes' : 'no')],
    ]),
  );
  const note = transitionNote(tr.id);
  if (note) parts.push(el('h3', undefined, t('cardNotes')), el('p', 'card-notes', note[lang]));
  const bar = el('div', 'card-actions');
  for (const s of tr.from === tr.to ? [tr.from] : [tr.from, tr.to]) {
    bar.append(button(s, 'secondary', () => actions.open({ kind: 'state', state: s })));
  }
  parts.push(bar);
  return parts;
}

/** Fills `host` with the card of `target`; false if the target is unknown (e.g. a stale transition id). */
export function renderCard(host: HTMLElement, target: CardTarget, lang: Lang, actions: CardActions): boolean {
  let parts: HTMLElement[];
  if (target.kind === 'state') {
    parts = stateCard(target.state, lang, actions);
  } else {
    const tr = transitionById(target.transitionId);
    if (!tr) return false;
    parts = transitionCard(tr, lang, actions);
  }
  host.replaceChildren(...parts);
  host.hidden = false;
  host.dataset.card = target.kind === 'state' ? target.state : target.transitionId;
  return true;
}
