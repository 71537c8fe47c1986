// Extension host (test run): activation, commands and the sidebar diagram in a real VS Code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID, waitFor } from './helpers';

describe('TCP States extension', () => {
  it('activates and exposes its API', async () => {
    const api = await activateExtension();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.equal(typeof api.diagram.status, 'function');
    assert.ok(Number.isFinite(api.activationMs));
    console.log(`[tcp-states] activate() took ${api.activationMs.toFixed(1)} ms`);
  });

  it('contributes its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['tcpStates.focusDiagram', 'tcpStates.explainState']) {
      assert.ok(all.includes(id), `command ${id} is registered`);
    }
  });

  it('Focus Diagram resolves the sidebar view, which renders the state machine as SVG', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('tcpStates.focusDiagram');
    const rendered = await waitFor('the diagram to render', () => api.diagram.status().lastRendered, 45_000);
    assert.equal(rendered.ok, true, rendered.error);
    assert.equal(rendered.nodeCount, 11, 'one node per RFC 9293 state');
    assert.ok(rendered.edgeCount >= 21, `all 21 transitions drawn (got ${rendered.edgeCount})`);
    assert.ok(api.diagram.status().resolved);
  });

  it('Explain State opens the card of the given state in the view', async () => {
    const api = await activateExtension();
    const shown = await vscode.commands.executeCommand('tcpStates.explainState', 'TIME_WAIT');
    assert.equal(shown, 'TIME_WAIT');
    const card = await waitFor('the card to open', () => api.diagram.status().lastCard);
    assert.deepEqual(card, { kind: 'state', state: 'TIME_WAIT' });
  });
});
