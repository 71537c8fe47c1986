// Node (unit tier): the host never posts a message the webview would refuse (a refused selection would leave the
// previous connection on screen); selections built from a real capture row, mutated.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { connectionAtLine, toDiagramSelection } from '../../../core/document/connectionAtLine';
import { arraySource, buildLineIndexSync, splitLines } from '../../../core/document/lineIndexBuilder';
import { LIMITS } from '../../../core/protocol/guards';
import type { DiagramSelection, HostToWebview } from '../../../core/protocol/messages';
import { deliverableToWebview, parseHostToWebview } from '../../../core/protocol/validate';
import { readFixture } from '../support/helpers';

/** The selection the sidebar is sent for the first connection line of a real capture with a path. */
function realSelection(): DiagramSelection {
  const lines = splitLines(readFixture('linux/ss-tanpo.txt'));
  const index = buildLineIndexSync(arraySource(lines));
  for (let line = 1; line <= lines.length; line++) {
    const view = connectionAtLine(index, line, 'en');
    if (view && view.entry.state === 'TIME_WAIT') return toDiagramSelection(view, view.entry.state);
  }
  throw new Error('no TIME_WAIT row in linux/ss-tanpo.txt');
}

test('a well-formed selection goes out unchanged; one the webview would refuse becomes the empty selection', () => {
  const good = realSelection();
  assert.ok(good.steps.length > 0);
  const ok: HostToWebview = { type: 'selection', selection: good };
  assert.equal(deliverableToWebview(ok), ok);

  const long = { ...good, local: `${'a'.repeat(400)}:80`, caption: 'x'.repeat(LIMITS.text + 5) };
  const clamped = deliverableToWebview({ type: 'selection', selection: long });
  assert.equal(clamped?.type === 'selection' && clamped.selection?.local, long.local);

  const refused: DiagramSelection[] = [{ ...good, line: Number.NaN }];
  for (const selection of refused) {
    const message: HostToWebview = { type: 'selection', selection };
    assert.equal(parseHostToWebview(message), undefined, 'the webview refuses it');
    const sent = deliverableToWebview(message);
    assert.deepStrictEqual(sent, { type: 'selection', selection: null });
    assert.ok(parseHostToWebview(sent), 'and accepts what the host sends instead');
  }
});

test('other refused messages are not sent at all', () => {
  const bad = { type: 'init', lang: 'fr', strings: {}, compact: false } as unknown as HostToWebview;
  assert.equal(deliverableToWebview(bad), undefined);
});
