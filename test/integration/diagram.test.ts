// Extension host (test run): the sidebar diagram follows the cursor in real captures — the path it shows is read back
// from the webview's DOM by the page itself — and survives being hidden and shown again.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TcpStatesApi } from '../../extension/extension';
import type { HighlightedMessage, RenderedMessage } from '../../core/protocol/messages';
import { activateExtension, fixture, waitFor } from './helpers';

/** Opens a capture with the diagram visible beside it, and puts the cursor on a 1-based `line`. */
async function cursorOn(
  api: TcpStatesApi,
  name: string,
  line: number,
  expect: RegExp,
): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('tcpStates.focusDiagram');
  await waitFor('the diagram to render', () => api.diagram.status().lastRendered, 45_000);
  const document = await vscode.workspace.openTextDocument(fixture('linux', name));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  assert.ok((await api.editor.indexed(document)) > 0, `${path.basename(name)} has connection lines`);
  assert.match(document.lineAt(line - 1).text, expect, `line ${line} of ${name}`);
  editor.selection = new vscode.Selection(line - 1, 0, line - 1, 0);
  return editor;
}

/** The next `highlighted` report whose caption names `endpoint` (the webview's read-back of what it shows). */
function highlightOf(api: TcpStatesApi, endpoint: string): Promise<HighlightedMessage> {
  return waitFor(
    'the webview to report the highlighted path',
    () => {
      const h = api.diagram.status().lastHighlighted;
      return h?.caption.includes(endpoint) ? h : undefined;
    },
    45_000,
  );
}

describe('Sidebar diagram on real captures', () => {
  let api: TcpStatesApi;
  before(async () => {
    api = await activateExtension();
  });

  it('lights the observed active close of the client connection under the cursor (time-series capture)', async () => {
    await cursorOn(api, 'timeseries-ss-tanpo.log', 96, /^TIME-WAIT .*127\.0\.0\.1:52350 +127\.0\.0\.1:5100 /);
    const lit = await highlightOf(api, '127.0.0.1:52350 → 127.0.0.1:5100');
    assert.match(lit.caption, /observed/);
    assert.match(lit.caption, /SYN_SENT → ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT/);
    assert.equal(lit.current, 'TIME_WAIT');
    for (const s of ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT'] as const)
      assert.ok(lit.states.includes(s), s);
    // t8 SYN_SENT → ESTABLISHED, t12 → FIN_WAIT_1, t14 → FIN_WAIT_2, t17 → TIME_WAIT were seen in the log; t2 (CLOSED →
    // SYN_SENT) cannot be: no tool lists CLOSED, so it is drawn as inferred.
    assert.deepEqual([...lit.observedEdges].sort(), ['t12', 't14', 't17', 't8']);
    assert.deepEqual(lit.inferredEdges, ['t2']);
    assert.deepEqual(lit.alternativeEdges, [], 'an observed path has no alternative pasts');
    // Whatever layout the sidebar's width picked, every edge of the path has its event / action label on screen.
    assert.deepEqual([...lit.labelledEdges].sort(), ['t12', 't14', 't17', 't2', 't8']);
    assert.ok(lit.ms < 50, `highlight took ${lit.ms} ms`);
  });

  it('shows the inferred passive close for a CLOSE-WAIT line of a single snapshot', async () => {
    await cursorOn(api, 'ss-tanpo.txt', 25, /^CLOSE-WAIT .*127\.0\.0\.1:5005 +127\.0\.0\.1:33090 /);
    const lit = await highlightOf(api, '127.0.0.1:5005 → 127.0.0.1:33090');
    assert.match(lit.caption, /inferred/);
    assert.equal(lit.current, 'CLOSE_WAIT');
    assert.ok(lit.states.includes('ESTABLISHED') && lit.states.includes('CLOSE_WAIT'), lit.states.join(' '));
    assert.ok(!lit.states.includes('FIN_WAIT_1'), 'not the active-close side');
    assert.deepEqual(lit.observedEdges, [], 'one snapshot shows one state: nothing observed between states');
    assert.ok(
      lit.inferredEdges.includes('t13'),
      'ESTABLISHED → CLOSE_WAIT (rcv FIN / snd ACK) drawn as inferred',
    );
    assert.ok(lit.inferredEdges.length >= 2, lit.inferredEdges.join(' '));
    for (const id of lit.inferredEdges) assert.ok(lit.labelledEdges.includes(id), `label of ${id} on screen`);
  });

  it('re-renders after being hidden and shown again, and replays the selection', async () => {
    await cursorOn(api, 'timeseries-ss-tanpo.log', 96, /^TIME-WAIT /);
    const before = await highlightOf(api, '127.0.0.1:52350 → 127.0.0.1:5100');
    const rendered: RenderedMessage[] = [];
    const highlighted: HighlightedMessage[] = [];
    const subs = [
      api.diagram.onRendered((m) => rendered.push(m)),
      api.diagram.onHighlighted((m) => highlighted.push(m)),
    ];
    try {
      await vscode.commands.executeCommand('workbench.view.explorer');
      await waitFor('the diagram view to be hidden', () => (api.diagram.status().visible ? undefined : true));
      await vscode.commands.executeCommand('tcpStates.focusDiagram');
      const again = await waitFor('a new render after showing the view', () => rendered[0], 45_000);
      assert.equal(again.ok, true, again.error);
      assert.equal(again.nodeCount, 11);
      const replayed = await waitFor(
        'the selection replayed into the new page',
        () => highlighted.find((h) => h.current !== null),
        45_000,
      );
      assert.equal(replayed.current, before.current);
      assert.equal(replayed.caption, before.caption);
      assert.deepEqual(replayed.observedEdges, before.observedEdges);
      assert.equal(api.diagram.status().visible, true);
    } finally {
      for (const s of subs) s.dispose();
    }
  });

  it('follows diagram.compact and contentLanguage without a reload (the open page reports the change)', async () => {
    await cursorOn(api, 'timeseries-ss-tanpo.log', 96, /^TIME-WAIT /);
    const first = await highlightOf(api, '127.0.0.1:52350 → 127.0.0.1:5100');
    const config = vscode.workspace.getConfiguration('tcpStates');
    const highlighted: HighlightedMessage[] = [];
    const sub = api.diagram.onHighlighted((m) => highlighted.push(m));
    try {
      await config.update('diagram.compact', true, vscode.ConfigurationTarget.Global);
      await waitFor('the page drawn compact', () => highlighted.find((h) => h.compact), 45_000);
      highlighted.length = 0;
      await config.update('contentLanguage', 'zh-cn', vscode.ConfigurationTarget.Global);
      const zh = await waitFor('the page in Chinese', () => highlighted.find((h) => h.lang === 'zh'), 45_000);
      assert.equal(zh.current, 'TIME_WAIT', 'the selection stays on the diagram');
      highlighted.length = 0;
      await config.update('contentLanguage', undefined, vscode.ConfigurationTarget.Global);
      await config.update('diagram.compact', undefined, vscode.ConfigurationTarget.Global);
      // Back to the defaults: English, and the layout the width chose at first.
      await waitFor(
        'the page back to its first language and layout',
        () => highlighted.find((h) => h.lang === first.lang && h.compact === first.compact),
        45_000,
      );
    } finally {
      sub.dispose();
      await config.update('contentLanguage', undefined, vscode.ConfigurationTarget.Global);
      await config.update('diagram.compact', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
