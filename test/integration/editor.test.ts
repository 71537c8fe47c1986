// Extension host (test run): the editor features on real captures — hover, decorations, CodeLens, problems, commands, selection.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TcpStatesApi } from '../../extension/extension';
import { activateExtension, fixture, waitFor } from './helpers';

/** Opens a document in an editor and waits until the extension has indexed it. */
async function openLog(api: TcpStatesApi, uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  assert.ok((await api.editor.indexed(document)) > 0, `${path.basename(uri.path)} has connection lines`);
  return editor;
}

/** 0-based line numbers whose text matches. */
function linesMatching(document: vscode.TextDocument, re: RegExp): number[] {
  const out: number[] = [];
  for (let i = 0; i < document.lineCount; i++) if (re.test(document.lineAt(i).text)) out.push(i);
  return out;
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    position,
  );
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('tcpStates').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('Editor features on connection logs', () => {
  let api: TcpStatesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(async () => {
    for (const key of [
      'contentLanguage',
      'diagnostics.closeWaitThreshold',
      'diagnostics.enabled',
      'inlineMeaning',
    ])
      await setting(key, undefined);
  });

  it('annotates UTF-16 logs (PowerShell `>` with a BOM, and without one) like their UTF-8 originals', async () => {
    const count = async (...parts: string[]): Promise<number> => {
      const document = await vscode.workspace.openTextDocument(fixture(...parts));
      await vscode.window.showTextDocument(document, { preview: false });
      return api.editor.indexed(document);
    };
    const windows = await count('public', 'windows-de-netstat-ano.txt');
    const ss = await count('linux', 'ss-tanpo.txt');
    assert.ok(windows > 0 && ss > 0);
    assert.equal(
      await count('encodings', 'windows-de-netstat-ano.utf16le-bom.txt'),
      windows,
      'UTF-16LE + BOM',
    );
    assert.equal(
      await count('encodings', 'windows-de-netstat-ano.utf16be-bom.txt'),
      windows,
      'UTF-16BE + BOM',
    );
    // Without a BOM VS Code guesses UTF-16 from the zero bytes of the file's start.
    assert.equal(await count('encodings', 'ss-tanpo.utf16le-nobom.txt'), ss, 'UTF-16LE without BOM');
  });

  it('hovers explain a connection line in English, then in Chinese with tcpStates.contentLanguage = zh-cn', async () => {
    const editor = await openLog(api, fixture('linux', 'ss-tanpo.txt'));
    const doc = editor.document;
    const tw = linesMatching(doc, /^TIME-WAIT .*timer:\(timewait,57sec/)[0];
    assert.ok(tw !== undefined);
    const en = await hoverText(doc.uri, new vscode.Position(tw, 40));
    assert.match(en, /\*\*TIME_WAIT\*\*/);
    assert.match(en, /TIME_WAIT, 57 s left of 60 s/);
    assert.match(en, /What it means/);
    assert.match(en, /tcp_tw_recycle/);
    assert.match(en, /4\\?\.12/);
    assert.match(en, /command:tcpStates\.showOnDiagram\?/);
    const header = await hoverText(doc.uri, new vscode.Position(0, 2));
    assert.doesNotMatch(header, /What it means/, 'no hover on the header line');

    await setting('contentLanguage', 'zh-cn');
    const zh = await hoverText(doc.uri, new vscode.Position(tw, 40));
    assert.match(zh, /含义/);
    assert.match(zh, /60 秒 中还剩 57 秒/);
    assert.match(zh, /在状态图上显示/);
  });

  it('escapes process names from the log in the hover', async () => {
    const editor = await openLog(api, fixture('linux', 'ss-tanpo.txt'));
    const cw = linesMatching(editor.document, /^CLOSE-WAIT .*we"ird/)[0];
    const md = await hoverText(editor.document.uri, new vscode.Position(cw, 2));
    assert.match(md, /\*\*CLOSE_WAIT\*\*/);
    assert.ok(md.includes('`we"ird (x,y (pid 15885)`'), 'the owner is shown inside a code span');
    assert.equal((md.match(/\]\(command:/g) ?? []).length, 2, 'only the two links the extension wrote');
  });

  it('colours states and writes inline meanings on visible lines only', async () => {
    const rows = fs
      .readFileSync(fixture('linux', 'ss-tanpo.txt').fsPath, 'utf8')
      .split('\n')
      .filter((l) => /^(ESTAB|TIME-WAIT|LISTEN) /.test(l));
    const body = ['State      Recv-Q Send-Q      Local Address:Port        Peer Address:Port Process'];
    while (body.length < 3000) body.push(...rows);
    const document = await vscode.workspace.openTextDocument({
      content: body.join('\n'),
      language: 'plaintext',
    });
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    assert.ok((await api.editor.indexed(document)) > 2000);
    const first = await waitFor('decorations', () => {
      const d = api.editor.decoratedLines(document.uri);
      return d.states.includes(2) ? d : undefined;
    });
    assert.ok(first.inline.includes(2), 'inline meaning on line 2');
    assert.ok(
      Math.max(...first.states) < 200,
      `only lines near the viewport (max ${Math.max(...first.states)})`,
    );
    editor.revealRange(new vscode.Range(2500, 0, 2500, 0), vscode.TextEditorRevealType.InCenter);
    const later = await waitFor('decorations after scrolling', () => {
      const d = api.editor.decoratedLines(document.uri);
      return d.states.includes(2501) ? d : undefined;
    });
    assert.ok(!later.states.includes(2), 'lines scrolled away are no longer decorated');
    await setting('inlineMeaning', 'off');
    await waitFor('inline meanings off', () =>
      api.editor.decoratedLines(document.uri).inline.length === 0 ? true : undefined,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('puts a CodeLens with the counts above each snapshot, and shows the counts in the status bar', async () => {
    const single = await openLog(api, fixture('linux', 'ss-tanpo.txt'));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      single.document.uri,
    );
    const ours = lenses.filter((l) => l.command?.command === 'tcpStates.showSummary');
    assert.equal(ours.length, 1);
    assert.match(ours[0].command?.title ?? '', /19 LISTEN/);
    assert.match(ours[0].command?.title ?? '', /16 ESTABLISHED/);
    assert.match(await waitFor('status bar', () => api.editor.statusBarText()), /19 LISTEN/);

    const series = await openLog(api, fixture('linux', 'timeseries-ss-tanpo.log'));
    const snapshots = linesMatching(series.document, /^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4}$/).length;
    const seriesLenses = (
      await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        series.document.uri,
      )
    ).filter((l) => l.command?.command === 'tcpStates.showSummary');
    assert.equal(seriesLenses.length, snapshots, 'one lens per snapshot');
  });

  it('reports the diagnosis as problems on the state text, with an Explain quick fix, and clears them when disabled', async () => {
    await setting('diagnostics.closeWaitThreshold', 1);
    const editor = await openLog(api, fixture('linux', 'ss-tanpo.txt'));
    const uri = editor.document.uri;
    const diags = await waitFor('CLOSE_WAIT problems', () => {
      const d = vscode.languages
        .getDiagnostics(uri)
        .filter((x) => x.source === 'TCP States' && x.code === 'close-wait-pileup');
      return d.length > 0 ? d : undefined;
    });
    for (const d of diags) assert.equal(editor.document.getText(d.range), 'CLOSE-WAIT');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diags[0].range,
    );
    const explain = actions.find((a) => a.title === 'Explain CLOSE_WAIT');
    assert.ok(explain, `quick fix offered (got ${actions.map((a) => a.title).join(', ')})`);
    assert.deepEqual(explain.command?.arguments, ['CLOSE_WAIT']);
    await setting('diagnostics.enabled', false);
    await waitFor('problems cleared', () =>
      vscode.languages.getDiagnostics(uri).some((d) => d.source === 'TCP States') ? undefined : true,
    );
  });

  it('goes to the next connection in a state, wrapping around', async () => {
    const editor = await openLog(api, fixture('linux', 'ss-tanpo.txt'));
    const tws = linesMatching(editor.document, /^TIME-WAIT /).map((l) => l + 1);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await vscode.commands.executeCommand('tcpStates.goToNextState', 'TIME_WAIT'), tws[0]);
    assert.equal(editor.document.getText(editor.selection), 'TIME-WAIT');
    assert.equal(api.editor.stateAtCursor(), 'TIME_WAIT');
    assert.equal(await vscode.commands.executeCommand('tcpStates.goToNextState', 'TIME_WAIT'), tws[1]);
    assert.equal(
      await vscode.commands.executeCommand('tcpStates.goToNextState', 'TIME_WAIT'),
      tws[0],
      'wraps to the top',
    );
  });

  it('copies the summary to the clipboard', async () => {
    await openLog(api, fixture('linux', 'ss-tanpo.txt'));
    const text = await vscode.commands.executeCommand<string>('tcpStates.copySummary');
    assert.match(text, /LISTEN/);
    assert.equal(await vscode.env.clipboard.readText(), text);
  });

  it('publishes the connection under the cursor with its observed path, and Show on Diagram highlights it', async () => {
    const editor = await openLog(api, fixture('linux', 'timeseries-ss-tanpo.log'));
    const truth = JSON.parse(
      fs.readFileSync(fixture('linux', 'timeseries-ss-tanpo.truth.json').fsPath, 'utf8'),
    ) as { client: { local: string; path: string[] } };
    const tw = linesMatching(
      editor.document,
      new RegExp(`^TIME-WAIT .*${truth.client.local.replace(/\./g, '\\.')}`),
    );
    assert.ok(tw.length > 0);
    const line = tw[tw.length - 1];
    editor.selection = new vscode.Selection(line, 0, line, 0);
    const published = await waitFor('selection published', () => {
      const s = api.editor.lastSelection();
      return s?.line === line + 1 ? s : undefined;
    });
    assert.equal(published.state, 'TIME_WAIT');
    assert.equal(published.rawState, 'TIME-WAIT');
    assert.deepEqual(published.observedStates, truth.client.path);
    assert.ok(published.caption.startsWith(`${truth.client.local} → `), published.caption);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(api.editor.lastSelection()?.line, line + 1, 'a timestamp line keeps the last connection');

    const shown = await vscode.commands.executeCommand<{ caption: string; state: string } | undefined>(
      'tcpStates.showOnDiagram',
      editor.document.uri.toString(),
      line + 1,
    );
    assert.equal(shown?.state, 'TIME_WAIT');
    const lit = await waitFor(
      'the diagram to highlight the path',
      () => {
        const h = api.diagram.status().lastHighlighted;
        return h?.caption === shown?.caption ? h : undefined;
      },
      45_000,
    );
    assert.equal(lit.current, 'TIME_WAIT');
  });

  it('annotates pasted output in an untitled plaintext document, and ignores plain prose', async () => {
    const text = fs.readFileSync(fixture('linux', 'netstat-tanp.txt').fsPath, 'utf8');
    const pasted = await vscode.workspace.openTextDocument({
      content: `$ netstat -tanp\n${text}`,
      language: 'plaintext',
    });
    assert.ok((await api.editor.indexed(pasted)) > 10);
    const prose = await vscode.workspace.openTextDocument({
      content: 'Nothing to see here.\nJust words, LISTEN to them.\n',
      language: 'plaintext',
    });
    assert.equal(await api.editor.indexed(prose), 0);
    assert.equal((await hoverText(prose.uri, new vscode.Position(1, 12))).includes('What it means'), false);
  });

  it('re-indexes after an edit, and keeps answering for the lines above it meanwhile', async () => {
    const text = fs.readFileSync(fixture('linux', 'ss-tan.txt').fsPath, 'utf8');
    const document = await vscode.workspace.openTextDocument({ content: text, language: 'plaintext' });
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    await api.editor.indexed(document);
    const estab = linesMatching(document, /^ESTAB /);
    const [above, target] = [estab[0], estab[estab.length - 1]];
    assert.equal(api.editor.stateAt(document, target + 1), 'ESTABLISHED');
    await editor.edit((b) => b.replace(new vscode.Range(target, 0, target, 5), 'CLOSE-WAIT'));
    assert.equal(api.editor.stateAt(document, above + 1), 'ESTABLISHED', 'lines above the edit still answer');
    assert.equal(
      api.editor.stateAt(document, target + 1),
      undefined,
      'the edited line waits for the rebuild',
    );
    await api.editor.indexed(document);
    assert.equal(api.editor.stateAt(document, target + 1), 'CLOSE_WAIT');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('recognises the tcp-connections language by extension and by first line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcp-states-'));
    const content = fs.readFileSync(fixture('linux', 'ss-tan.txt').fsPath, 'utf8');
    fs.writeFileSync(path.join(dir, 'capture.ss'), content);
    fs.writeFileSync(path.join(dir, 'capture.out'), content);
    for (const name of ['capture.ss', 'capture.out']) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, name)));
      assert.equal(doc.languageId, 'tcp-connections', name);
      assert.ok((await api.editor.indexed(doc)) > 0);
    }
  });

  it('colours and answers the visible lines of a big log before its whole index is built', async function () {
    this.timeout(120_000);
    // 200,000 lines of real ss snapshots (about 34 MB: VS Code still hands it to extensions), one timestamp each.
    const block = fs.readFileSync(fixture('linux', 'ss-tanpo.txt').fsPath, 'utf8').replace(/\s+$/, '');
    const lines: string[] = [];
    for (let snap = 0; lines.length < 200_000; snap++)
      lines.push(new Date(Date.UTC(2026, 10, 23, 20, 0, snap)).toUTCString(), ...block.split('\n'));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tcp-states-visible-'));
    const file = path.join(dir, 'series.ss.log');
    fs.writeFileSync(file, lines.join('\n') + '\n');
    try {
      const uri = vscode.Uri.file(file);
      const document = await vscode.workspace.openTextDocument(uri);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      // Scrolled to the middle at once: far below anything the sliced build has reached.
      const mid = linesMatching(document, /^ESTAB/).find((l) => l > 100_000) as number;
      editor.revealRange(new vscode.Range(mid, 0, mid, 0), vscode.TextEditorRevealType.InCenter);
      const seen = await waitFor('the visible lines coloured', () => {
        const d = api.editor.decoratedLines(uri);
        return d.states.includes(mid + 1) ? { d, whole: api.editor.wholeIndexReady(document) } : undefined;
      });
      assert.equal(seen.whole, false, 'coloured before the whole index landed');
      assert.equal(api.editor.stateAt(document, mid + 1), 'ESTABLISHED');
      const before = await hoverText(uri, new vscode.Position(mid, 2));
      assert.match(before, /ESTABLISHED/);
      // Then the whole index: the same line, the same answer, now with the document's totals.
      assert.ok((await api.editor.indexed(document)) > 150_000);
      assert.equal(api.editor.wholeIndexReady(document), true);
      assert.equal(api.editor.stateAt(document, mid + 1), 'ESTABLISHED');
      assert.match(await hoverText(uri, new vscode.Position(mid, 2)), /ESTABLISHED/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
