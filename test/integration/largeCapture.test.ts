// Extension host (test run): a capture over VS Code's 50 MB sync limit — the status-bar offer, the summary from disk
// with the right counts, cancellation, and a link of the Large Capture view opening the right line.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseLog } from '../../core/parse/logParser';
import { summarize } from '../../core/analysis/summary';
import type { TcpStatesApi } from '../../extension/extension';
import { resultNodes, SNAPSHOTS_PER_NODE } from '../../extension/largeFile/largeCaptureTreeProvider';
import { activateExtension, fixture, waitFor } from './helpers';

/** Writes `header` then the real rows of `capture` repeated until the file has at least `bytes`; returns the repeats. */
function writeCapture(file: string, capture: string, bytes: number): number {
  const lines = capture.split('\n');
  const header = lines.find((l) => l.startsWith('State')) ?? '';
  const rows = lines.filter((l) => /^[A-Z]/.test(l) && !l.startsWith('State')).join('\n') + '\n';
  const fd = fs.openSync(file, 'w');
  let repeats = 0;
  try {
    fs.writeSync(fd, header + '\n');
    const block = rows.repeat(1000);
    let written = header.length + 1;
    while (written < bytes) {
      fs.writeSync(fd, block);
      written += block.length;
      repeats += 1000;
    }
  } finally {
    fs.closeSync(fd);
  }
  return repeats;
}

describe('Large captures', function () {
  this.timeout(240_000);
  let api: TcpStatesApi;
  let dir: string;
  let capture: string;
  before(async () => {
    api = await activateExtension();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcp-states-large-'));
    capture = fs.readFileSync(fixture('linux', 'ss-tanpo.txt').fsPath, 'utf8');
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.getConfiguration('tcpStates').update('largeFile.thresholdMB', undefined, true);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('offers a summary of a 70 MB capture in the status bar, and the summary counts every row', async () => {
    const file = path.join(dir, 'big.ss.txt');
    const repeats = writeCapture(file, capture, 70 << 20);
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('vscode.open', uri);
    await waitFor('the status-bar offer', () =>
      api.largeCapture.offered?.toString() === uri.toString() ? true : undefined,
    );
    const result = await api.largeCapture.summarize(uri);
    assert.ok(result !== undefined, 'not cancelled');
    const one = summarize(parseLog(capture));
    assert.equal(result.summary.total, one.total * repeats);
    for (const [state, n] of Object.entries(one.states))
      assert.equal(result.summary.states[state as keyof typeof one.states], n * repeats, state);
    assert.equal(api.largeCapture.tree.current, result, 'shown in the Large Capture view');
    // One table: the diagram counts all of it.
    assert.deepEqual(api.diagram.status().counts?.counts, result.summary.states);
  });

  it('draws a time series on the diagram with its last snapshot’s counts, as the editor does', async () => {
    const file = path.join(dir, 'series.ss.log');
    const series = fs.readFileSync(fixture('linux', 'timeseries-ss-tanpo.log').fsPath, 'utf8');
    fs.writeFileSync(file, series.repeat(Math.ceil((55 << 20) / series.length)));
    const result = await api.largeCapture.summarize(vscode.Uri.file(file));
    assert.ok(result !== undefined);
    const snaps = result.summary.snapshots;
    assert.ok(snaps.length > 1000, `${snaps.length} snapshots`);
    const parsed = parseLog(series);
    const lastLine = parsed.snapshots[parsed.snapshots.length - 1].startLine;
    const lastOfCopy = summarize({ ...parsed, records: parsed.records.filter((r) => r.line >= lastLine) });
    assert.deepEqual(snaps[snaps.length - 1].states, lastOfCopy.states);
    assert.deepEqual(api.diagram.status().counts, { counts: lastOfCopy.states, source: 'series.ss.log' });
    // Thousands of snapshots are listed in runs of SNAPSHOTS_PER_NODE, each opening at its first snapshot.
    const node = resultNodes(result).find((n) => n.label === 'Snapshots');
    const runs = node?.children?.() ?? [];
    assert.equal(runs.length, Math.ceil(snaps.length / SNAPSHOTS_PER_NODE));
    assert.equal(runs[1].line, snaps[SNAPSHOTS_PER_NODE].startLine);
    const inRuns = runs.reduce((n, r) => n + (r.children?.() ?? []).length, 0);
    assert.equal(inRuns, snaps.length);
  });

  it('stops when cancelled', async () => {
    const file = path.join(dir, 'cancel.ss.txt');
    writeCapture(file, capture, 150 << 20);
    const cts = new vscode.CancellationTokenSource();
    const shown = api.largeCapture.tree.current;
    const running = api.largeCapture.summarize(vscode.Uri.file(file), cts.token);
    setTimeout(() => cts.cancel(), 200);
    assert.equal(await running, undefined, 'resolves to nothing: the worker was stopped, not waited for');
    assert.equal(api.largeCapture.tree.current, shown, 'the view keeps what it showed');
  });

  it('a finding of the view opens the file at its line', async () => {
    await vscode.workspace.getConfiguration('tcpStates').update('largeFile.thresholdMB', 1, true);
    const file = path.join(dir, 'small.ss.txt');
    writeCapture(file, capture, 2 << 20);
    const uri = vscode.Uri.file(file);
    const result = await api.largeCapture.summarize(uri);
    assert.ok(result !== undefined && result.findings.length > 0, 'findings');
    // The tree: summary line, States, Diagnosis (each finding opens its first evidence line), …
    const diagnosis = resultNodes(result)[2];
    const node = diagnosis.children?.()[0];
    assert.ok(node?.line !== undefined, 'a finding with a line');
    const item = api.largeCapture.tree.getTreeItem(node);
    assert.ok(item.command !== undefined);
    const args: unknown[] = item.command.arguments ?? [];
    await vscode.commands.executeCommand(item.command.command, ...args);
    const editor = await waitFor('the editor', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === file
        ? vscode.window.activeTextEditor
        : undefined,
    );
    assert.equal(editor.selection.active.line, node.line - 1);
    assert.equal(
      editor.document.lineAt(node.line - 1).text,
      fs.readFileSync(file, 'utf8').split('\n')[node.line - 1],
    );
  });
});
