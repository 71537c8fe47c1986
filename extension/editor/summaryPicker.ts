// Extension host: the summary quick pick — states with counts and findings, then the lines of the picked state.
import * as vscode from 'vscode';
import { escapeIcons } from '../../core/text/markdown';
import { groupDigits } from '../../core/analysis/findingText';
import { stateReference } from '../../core/tcp/stateReference';
import { TCP_STATES, type TcpState } from '../../core/tcp/types';
import { uiLang } from '../settings';
import type { LineIndex } from '../../core/document/lineIndex';
import type { SnapshotBlock } from '../../core/document/snapshotBlocks';

/** Lines listed in the second step; enough to browse, bounded for a million-line log. */
const MAX_LISTED_LINES = 5000;

interface StateItem extends vscode.QuickPickItem {
  readonly state: TcpState;
}

interface LineItem extends vscode.QuickPickItem {
  readonly line: number;
}

/** Selects the state text (or the line) of a 1-based line and scrolls it into view. */
export function revealLine(editor: vscode.TextEditor, index: LineIndex, line: number, preview = false): void {
  const entry = index.entryAt(line);
  const text = editor.document.lineAt(line - 1);
  const range =
    entry !== undefined && entry.stateEnd <= text.text.length
      ? new vscode.Range(line - 1, entry.stateStart, line - 1, entry.stateEnd)
      : text.range;
  if (!preview) editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Second step: every line of `state` in [first, last]; moving through the list previews, accepting selects. */
export async function pickLineOfState(
  editor: vscode.TextEditor,
  index: LineIndex,
  state: TcpState,
  first = 1,
  last = index.lineCount,
): Promise<number | undefined> {
  const lines = index.linesInState(state, MAX_LISTED_LINES, first, last);
  if (lines.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No connection in {0} here.', state));
    return undefined;
  }
  const items: LineItem[] = lines.map((line) => ({
    label: vscode.l10n.t('Line {0}', line),
    description: escapeIcons(
      editor.document
        .lineAt(line - 1)
        .text.trim()
        .replace(/\s+/g, ' '),
    ),
    line,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('{0} connections', state),
    placeHolder: vscode.l10n.t('Pick a line to reveal it'),
    matchOnDescription: true,
    onDidSelectItem: (item) => {
      if (typeof item !== 'string' && 'line' in item)
        revealLine(editor, index, (item as LineItem).line, true);
    },
  });
  if (picked === undefined) return undefined;
  revealLine(editor, index, picked.line);
  return picked.line;
}

/** First step: the states of the block (or file), largest first, ⚠ and the finding's title where there is one. */
export async function showSummaryPick(
  editor: vscode.TextEditor,
  index: LineIndex,
  block?: SnapshotBlock,
): Promise<number | undefined> {
  const lang = uiLang();
  const counts = block?.counts ?? index.currentCounts().counts;
  const first = block?.line ?? 1;
  const last = block?.endLine ?? index.lineCount;
  const items: StateItem[] = TCP_STATES.filter((s) => (counts[s] ?? 0) > 0)
    .sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0))
    .map((state) => {
      const finding = index.facts.findings.find(
        (f) => f.state === state && f.lines.some((l) => l >= first && l <= last),
      );
      return {
        label: finding !== undefined ? `$(warning) ${state}` : state,
        description: groupDigits(counts[state] ?? 0),
        detail: finding !== undefined ? escapeIcons(finding.title[lang]) : stateReference(state).short[lang],
        state,
      };
    });
  const title =
    block?.snapshot !== undefined
      ? vscode.l10n.t('Snapshot {0} ({1})', block.snapshot + 1, block.time ?? vscode.l10n.t('no time'))
      : vscode.l10n.t('Connections in this file');
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder: vscode.l10n.t('Filter by state, then pick one to list its lines'),
    matchOnDetail: true,
  });
  if (picked === undefined) return undefined;
  return pickLineOfState(editor, index, picked.state, first, last);
}
