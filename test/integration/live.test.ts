// Extension host (test run): Watch Connections records a loopback connection this test drives, live, into a
// document the editor and the sidebar read; Capture Connections Now takes one snapshot.
import * as assert from 'node:assert/strict';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import * as vscode from 'vscode';
import { buildHistories } from '../../core/analysis/history';
import { parseLog } from '../../core/parse/logParser';
import { activateExtension, waitFor } from './helpers';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('Live capture', () => {
  it('Capture Connections Now opens one snapshot as a tcp-connections document', async () => {
    // Activated first: a command that activates the extension comes back through the main thread, serialised.
    await activateExtension();
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      const document = await vscode.commands.executeCommand<vscode.TextDocument>('tcpStates.captureNow');
      assert.ok(document, 'a document was opened');
      assert.equal(document.languageId, 'tcp-connections');
      assert.equal(document.isUntitled, true);
      const parsed = parseLog(document.getText());
      assert.equal(parsed.snapshots.length, 1);
      assert.ok(
        parsed.records.some((r) => r.state === 'LISTEN' && r.local.port === String(port)),
        `the listener on ${port} is in the snapshot`,
      );
    } finally {
      server.close();
    }
  });

  it('Watch Connections streams the time series while a connection opens, half-closes and closes', async () => {
    const api = await activateExtension();
    let accepted: Socket | undefined;
    const server = createServer({ allowHalfOpen: true }, (s) => (accepted = s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const HOLD = 700;
    try {
      const document = await vscode.commands.executeCommand<vscode.TextDocument>(
        'tcpStates.watchConnections',
        {
          intervalMs: 150,
          filter: String(port),
        },
      );
      assert.ok(document);
      assert.equal(api.live.status().running, true);
      const client = createConnection({ port, host: '127.0.0.1' });
      await new Promise<void>((r) => client.on('connect', r));
      const clientAddr = `127.0.0.1:${client.localPort}`;
      await sleep(HOLD);
      client.end();
      await sleep(HOLD);
      accepted?.end();
      await waitFor('the client in TIME_WAIT in the document', () =>
        /TIME-WAIT .*127\.0\.0\.1:\d+ +127\.0\.0\.1:\d+/.test(document.getText()) ? true : undefined,
      );
      await sleep(HOLD);
      const stopped = new Promise((r) => api.live.onDidStop(r));
      await vscode.commands.executeCommand('tcpStates.stopWatch');
      await stopped;
      const status = api.live.status();
      assert.equal(status.running, false);
      assert.ok(status.changes >= 5, `${status.changes} changes counted`);
      assert.ok(status.polls >= 10, `${status.polls} polls`);
      client.destroy();

      const parsed = parseLog(document.getText());
      assert.ok(parsed.snapshots.length >= 10);
      const path = buildHistories(parsed.records).find((h) => h.local === clientAddr)?.states;
      assert.deepEqual(
        path?.filter((s) => s !== 'FIN_WAIT_1'),
        ['ESTABLISHED', 'FIN_WAIT_2', 'TIME_WAIT'],
      );
      // The editor reads the recording like any time series: the cursor on the client's last row lights its
      // observed path in the sidebar.
      assert.ok((await api.editor.indexed(document)) > 0);
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      let line = -1;
      for (let i = document.lineCount - 1; i >= 0; i--)
        if (document.lineAt(i).text.includes(`${clientAddr} `)) {
          line = i;
          break;
        }
      assert.ok(line >= 0);
      editor.selection = new vscode.Selection(line, 0, line, 0);
      const selection = await waitFor('the selection to reach the sidebar', () => {
        const s = api.editor.lastSelection();
        return s?.local === clientAddr && s.state === 'TIME_WAIT' ? s : undefined;
      });
      assert.deepEqual(
        selection.observedStates.filter((s) => s !== 'FIN_WAIT_1'),
        ['ESTABLISHED', 'FIN_WAIT_2', 'TIME_WAIT'],
      );
    } finally {
      await vscode.commands.executeCommand('tcpStates.stopWatch');
      server.close();
    }
  });
});

describe('Live capture in Restricted Mode', () => {
  it('refuses Capture Connections Now and Watch Connections with a clear message', async function () {
    // Only meaningful in the untrusted run (TCP_STATES_UNTRUSTED=1, see scripts/test.mjs).
    if (vscode.workspace.isTrusted) this.skip();
    const api = await activateExtension();
    const before = vscode.workspace.textDocuments.length;
    assert.equal(await vscode.commands.executeCommand('tcpStates.captureNow'), undefined);
    assert.match(api.live.lastRefusal() ?? '', /disabled in Restricted Mode, because it runs ss \/ netstat/);
    const watched = await vscode.commands.executeCommand('tcpStates.watchConnections', { intervalMs: 500 });
    assert.equal(watched, undefined);
    assert.equal(api.live.status().running, false);
    assert.equal(
      vscode.workspace.textDocuments.filter((d) => d.languageId === 'tcp-connections' && d.isUntitled).length,
      0,
    );
    assert.ok(vscode.workspace.textDocuments.length <= before);
  });
});
