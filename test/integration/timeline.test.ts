// Extension host (test run): a time series gets its counts-over-time chart in the sidebar (as the page reports drawing
// it), a single table none, and the chart's revealSnapshot puts the editor's cursor on that snapshot's timestamp line.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TcpStatesApi } from '../../extension/extension';
import { activateExtension, fixture, waitFor } from './helpers';

async function open(api: TcpStatesApi, name: string): Promise<vscode.TextEditor> {
  await vscode.commands.executeCommand('tcpStates.focusDiagram');
  await waitFor('the diagram to render', () => api.diagram.status().lastRendered, 45_000);
  const document = await vscode.workspace.openTextDocument(fixture('linux', name));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  assert.ok((await api.editor.indexed(document)) > 0, `${name} has connection lines`);
  return editor;
}

describe('Counts over time in the sidebar', () => {
  let api: TcpStatesApi;
  before(async () => {
    api = await activateExtension();
  });

  it('draws the time series of the real ss loop capture, CLOSE_WAIT stood out; a single table has no chart', async () => {
    // An earlier suite (Live capture) may have left another time series' chart as the last one reported: wait for
    // the report that follows opening this file, with one point per snapshot of its 28.
    const before = api.diagram.status().lastTimelineShown;
    await open(api, 'timeseries-ss-tanpo.log');
    const shown = await waitFor(
      'the page to report the chart of the 28 snapshots',
      () => {
        const s = api.diagram.status().lastTimelineShown;
        return s && s !== before && s.points === 28 ? s : undefined;
      },
      45_000,
    );
    assert.equal(shown.points, 28, 'one point per snapshot');
    assert.equal(shown.hot, 'CLOSE_WAIT');
    for (const s of ['LISTEN', 'ESTABLISHED', 'CLOSE_WAIT', 'TIME_WAIT'] as const)
      assert.ok(shown.series.includes(s), s);
    await open(api, 'ss-tanpo.txt');
    await waitFor('the chart to hide', () =>
      api.diagram.status().lastTimelineShown?.points === 0 ? true : undefined,
    );
  });

  it('revealSnapshot from the chart moves the cursor to the snapshot’s timestamp line', async () => {
    const editor = await open(api, 'timeseries-ss-tanpo.log');
    const stamps: number[] = [];
    for (let i = 0; i < editor.document.lineCount; i++)
      if (/^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4}$/.test(editor.document.lineAt(i).text))
        stamps.push(i + 1);
    const line = stamps[10];
    assert.ok(line !== undefined, 'the capture has timestamp lines');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    api.diagram.receiveForTest({ type: 'revealSnapshot', line });
    await waitFor('the cursor on the timestamp line', () =>
      vscode.window.activeTextEditor?.selection.active.line === line - 1 ? true : undefined,
    );
    // A line the page could not have sent is refused by the validator, and nothing moves.
    api.diagram.receiveForTest({ type: 'revealSnapshot', line: -3 });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(vscode.window.activeTextEditor?.selection.active.line, line - 1);
  });
});
