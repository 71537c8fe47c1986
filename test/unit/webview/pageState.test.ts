// Node (unit tier): the diagram page's reducer, without Chromium — layout keys, persistence-relevant fields,
// and that every message leaves the rest of the state alone.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DiagramSelection } from '../../../core/protocol/messages';
import {
  initialState,
  layoutCacheKey,
  layoutOf,
  reduce,
  sameLayout,
  type PageState,
} from '../../../webview/state/pageState';

const fresh = (narrow = false): PageState =>
  initialState('en', 'dark', { compact: undefined, resets: false, card: null }, narrow);

// Shaped as the host sends it for the time-series client at line 96 (the path the integration suite checks).
const selection: DiagramSelection = {
  state: 'TIME_WAIT',
  rawState: 'TIME-WAIT',
  local: '10.0.0.1:56552',
  remote: '10.0.0.2:7100',
  line: 96,
  steps: [
    { from: 'ESTABLISHED', to: 'FIN_WAIT_1', transitionId: 't8', observed: true },
    { from: 'FIN_WAIT_1', to: 'FIN_WAIT_2', transitionId: 't12', observed: true },
    { from: 'FIN_WAIT_2', to: 'TIME_WAIT', transitionId: 't14', observed: true },
  ],
  alternatives: [],
  observedStates: ['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT'],
  caption: 'ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT',
};

test('the layout follows the host setting and the width until the user chooses', () => {
  let s = fresh();
  assert.deepEqual(layoutOf(s), { theme: 'dark', compact: false, resets: false });
  s = reduce(s, { type: 'resized', narrow: true });
  assert.equal(layoutOf(s).compact, true, 'a narrow view draws compact');
  s = reduce(s, { type: 'resized', narrow: false });
  assert.equal(layoutOf(s).compact, false);
  s = reduce(s, { type: 'init', lang: 'zh', compact: true, strings: {} });
  assert.equal(layoutOf(s).compact, true, 'the host setting asks for compact');
  assert.equal(s.lang, 'zh');
  s = reduce(s, { type: 'toggleCompact' });
  assert.equal(s.userCompact, false, 'toggling flips what is on screen, not the stored value');
  assert.equal(layoutOf(s).compact, false, "the user's choice beats the host and the width");
  s = reduce(s, { type: 'resized', narrow: true });
  assert.equal(layoutOf(s).compact, false);
  s = reduce(s, { type: 'setCompact', compact: true });
  assert.equal(layoutOf(s).compact, true);
});

test('the layout key is an object; the cache key is derived from it, not parsed back', () => {
  const s = reduce(reduce(fresh(), { type: 'toggleResets' }), { type: 'themeChanged', theme: 'hc-light' });
  const k = layoutOf(s);
  assert.deepEqual(k, { theme: 'hc-light', compact: false, resets: true });
  assert.equal(layoutCacheKey(k), 'hc-light/labels/resets');
  assert.equal(layoutCacheKey({ theme: 'light', compact: true, resets: false }), 'light/compact/rfc');
  assert.ok(sameLayout(k, { ...k }));
  assert.ok(!sameLayout(k, { ...k, compact: true }));
  assert.ok(!sameLayout(k, { ...k, theme: 'hc-dark' }));
  assert.ok(!sameLayout(k, { ...k, resets: false }));
});

test('events that change nothing return the same state (the controller then does nothing)', () => {
  const s = fresh();
  assert.equal(reduce(s, { type: 'resized', narrow: false }), s);
  assert.equal(reduce(s, { type: 'themeChanged', theme: 'dark' }), s);
  assert.equal(reduce(s, { type: 'closeCard' }), s);
});

test('selection, counts and cards change only their own fields', () => {
  const s = fresh();
  const a = reduce(s, { type: 'selection', selection });
  assert.equal(a.selection, selection);
  assert.deepEqual({ ...a, selection: null }, s);
  const b = reduce(a, { type: 'counts', counts: { LISTEN: 2 }, source: 'x.log' });
  assert.deepEqual(b.counts, { LISTEN: 2 });
  assert.equal(b.countsSource, 'x.log');
  assert.equal(b.selection, selection);
  const c = reduce(b, { type: 'showCard', target: { kind: 'state', state: 'LISTEN' } });
  assert.deepEqual(c.card, { kind: 'state', state: 'LISTEN' });
  const d = reduce(c, { type: 'openCard', target: { kind: 'transition', transitionId: 't8' } });
  assert.deepEqual(d.card, { kind: 'transition', transitionId: 't8' });
  const e = reduce(d, { type: 'closeCard' });
  assert.equal(e.card, null);
  assert.equal(e.counts, b.counts);
  const cleared = reduce(e, { type: 'selection', selection: null });
  assert.equal(cleared.selection, null);
});

test('the saved choices come back: a persisted compact, resets and card start the page', () => {
  const s = initialState(
    'zh',
    'light',
    { compact: true, resets: true, card: { kind: 'state', state: 'CLOSED' } },
    false,
  );
  assert.deepEqual(layoutOf(s), { theme: 'light', compact: true, resets: true });
  assert.deepEqual(s.card, { kind: 'state', state: 'CLOSED' });
  assert.equal(s.lang, 'zh');
});
