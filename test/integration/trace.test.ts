// Extension host (test run): packet traces (tcpdump / tshark) in the editor on the real traces — flags colours,
// inline states, hover, a CodeLens per connection, problems, the selection's DiagramTrace and packet stepping.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TcpStatesApi } from '../../extension/extension';
import { activateExtension, fixture, waitFor } from './helpers';

async function openTrace(api: TcpStatesApi, name: string, packets: number): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixture('traces', name));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  assert.equal(await api.editor.packets(document), packets, `${name} has ${packets} packet lines`);
  return editor;
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

/** Puts the cursor on a 1-based line and waits for the selection the sidebar is sent. */
async function cursorOn(api: TcpStatesApi, editor: vscode.TextEditor, line: number): Promise<void> {
  editor.selection = new vscode.Selection(line - 1, 0, line - 1, 0);
  await waitFor(`the selection of line ${line}`, () =>
    api.editor.lastSelection()?.line === line ? true : undefined,
  );
}

describe('Packet traces in the editor', () => {
  let api: TcpStatesApi;
  before(async () => {
    api = await activateExtension();
  });
  afterEach(async () => {
    for (const key of ['contentLanguage', 'diagnostics.enabled', 'inlineMeaning'])
      await setting(key, undefined);
  });

  it('trace: colours the flags and writes both ends’ states after every packet line', async () => {
    const editor = await openTrace(api, 'normal-v4.nn.txt', 11);
    const lines = [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const d = await waitFor('packet decorations', () => {
      const x = api.editor.decoratedPackets(editor.document.uri);
      return x.flags.length === 11 ? x : undefined;
    });
    assert.deepEqual(d.flags, lines);
    assert.deepEqual(d.inline, lines);
    await setting('inlineMeaning', 'off');
    await waitFor('inline off', () =>
      api.editor.decoratedPackets(editor.document.uri).inline.length === 0 ? true : undefined,
    );
    assert.deepEqual(api.editor.decoratedPackets(editor.document.uri).flags, lines, 'colours stay');
  });

  it('trace: hovers a packet line with its role, both ends and the revision, in English and Chinese', async () => {
    const editor = await openTrace(api, 'lostack-v4.nn.txt', 9);
    const uri = editor.document.uri;
    const en = await hoverText(uri, new vscode.Position(7, 5));
    assert.match(en, /\*\*an ACK from the client\*\* · packet 7 of 9 of this connection/);
    assert.match(en, /- \*\*server\*\*: LAST_ACK/);
    assert.match(
      en,
      /⚠ \*\*Revised:\*\* this ACK was lost: the retransmission on line 9 proves it never arrived/,
    );
    assert.match(en, /\[Show on diagram\]\(command:tcpStates\.showOnDiagram\?/);
    const retrans = await hoverText(uri, new vscode.Position(8, 5));
    assert.match(retrans, /a retransmission of line 7/);
    await setting('contentLanguage', 'zh-cn');
    const zh = await hoverText(uri, new vscode.Position(7, 5));
    assert.match(zh, /\*\*客户端的 ACK\*\* · 本连接的第 7\/9 个包/);
    assert.match(zh, /这个 ACK 丢失了：第 9 行的重传说明它没有到达/);
  });

  it('trace: puts a CodeLens on the first packet of each connection; clicking one shows it on the diagram', async () => {
    const editor = await openTrace(api, 'multi-v4.nn.txt', 36);
    const uri = editor.document.uri;
    const lenses = (
      await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)
    ).filter((l) => l.command?.command === 'tcpStates.showOnDiagram');
    assert.deepEqual(
      lenses.map((l) => l.range.start.line + 1),
      [2, 5, 20, 26, 32],
    );
    assert.match(
      lenses[0].command?.title ?? '',
      /127\.0\.0\.1:54732 → :7114 · 10 packets · client SYN_SENT → … → TIME_WAIT · server LISTEN → … → CLOSED · handshake \d+\.\d+ ms · SF ShADadFf$/,
    );
    const c = lenses[1].command;
    assert.ok(c);
    const shown = await vscode.commands.executeCommand<{ caption: string; trace?: { packet: number } }>(
      c.command,
      ...((c.arguments ?? []) as unknown[]),
    );
    assert.equal(
      shown.caption,
      '127.0.0.1:54746 → 127.0.0.1:7114 · packet 1 of 8 · client SYN_SENT · server SYN_RECEIVED',
    );
    assert.equal(shown.trace?.packet, 1);
    assert.equal(api.editor.lastSelection()?.caption, shown.caption);
  });

  it('trace: reports refused, reset-after-data and zero-window problems on the flags, with an Explain quick fix', async () => {
    const refused = await openTrace(api, 'refused-v4.nn.txt', 2);
    const uri = refused.document.uri;
    const d = await waitFor('the refused problem', () =>
      vscode.languages.getDiagnostics(uri).find((x) => x.code === 'trace-refused'),
    );
    assert.equal(d.range.start.line + 1, 3);
    assert.equal(refused.document.getText(d.range), 'R.');
    assert.match(
      d.message,
      /^Connection refused: 127\.0\.0\.1:60784 → 127\.0\.0\.1:7104 — the SYN was answered by a RST/,
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      d.range,
    );
    assert.ok(
      actions.some((a) => a.title === 'Explain SYN_SENT'),
      actions.map((a) => a.title).join(', '),
    );

    const abort = await openTrace(api, 'abort-v4.tshark.txt', 8);
    const reset = await waitFor('the reset-after-data problem', () =>
      vscode.languages.getDiagnostics(abort.document.uri).find((x) => x.code === 'trace-reset-after-data'),
    );
    assert.equal(reset.range.start.line + 1, 8);
    assert.equal(abort.document.getText(reset.range), 'RST, ACK');

    const zero = await openTrace(api, 'zerowin-v4.nn.txt', 62);
    const zw = await waitFor('the zero-window problem', () =>
      vscode.languages.getDiagnostics(zero.document.uri).find((x) => x.code === 'trace-zero-window'),
    );
    assert.equal(zw.range.start.line + 1, 8);
    await setting('diagnostics.enabled', false);
    await waitFor('problems cleared', () =>
      vscode.languages.getDiagnostics(zero.document.uri).some((x) => x.source === 'TCP States')
        ? undefined
        : true,
    );
  });

  it('trace: the cursor on a packet sends a selection with both ends; Next / Previous Packet stay in the connection', async () => {
    const editor = await openTrace(api, 'multi-v4.nn.txt', 36);
    await cursorOn(api, editor, 10);
    const s = api.editor.lastSelection();
    assert.equal(
      s?.caption,
      '127.0.0.1:54746 → 127.0.0.1:7114 · packet 4 of 8 · client ESTABLISHED · server ESTABLISHED',
    );
    assert.equal(s?.trace?.packetCount, 8);
    assert.deepEqual(
      s?.trace?.client.steps.map((x) => x.transitionId),
      ['t2', 't8'],
    );
    assert.deepEqual(
      s?.trace?.server.steps.map((x) => x.transitionId),
      ['t4', 't10'],
    );
    assert.equal(s?.state, 'ESTABLISHED');

    // Line 12 belongs to the first connection: the next packet of this one is line 11, then 14.
    assert.equal(await vscode.commands.executeCommand('tcpStates.nextPacket'), 11);
    assert.equal(editor.selection.active.line + 1, 11);
    await waitFor('the selection to follow', () =>
      api.editor.lastSelection()?.line === 11 ? true : undefined,
    );
    assert.equal(await vscode.commands.executeCommand('tcpStates.nextPacket'), 14);
    assert.equal(await vscode.commands.executeCommand('tcpStates.previousPacket'), 11);

    // The diagram's packet buttons step from the packet it shows.
    assert.equal(await api.editor.traceStep(1), 14);
    assert.equal(api.editor.lastSelection()?.trace?.packet, 6);
    assert.equal(editor.selection.active.line + 1, 14);
  });
});
