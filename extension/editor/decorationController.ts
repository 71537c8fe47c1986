// Extension host: colours the state text by family and writes the inline meaning, on the visible lines of visible editors only.
import * as vscode from 'vscode';
import { stateReference, type StateReference } from '../../core/tcp/stateReference';
import { inlineMeaning } from '../../core/text/inlineMeaning';
import { Debouncer } from '../plumbing/debounce';
import { Disposable } from '../plumbing/dispose';
import { inlineMeaningMode, onDidChangeSettings, stateColorsEnabled, uiLang } from '../settings';
import type { DocumentIndexService } from './documentIndexService';

type Family = StateReference['family'];

/** Theme colour id of each family (contributes.colors in package.json). */
export const FAMILY_COLOR: Readonly<Record<Family, string>> = {
  opening: 'tcpStates.state.opening',
  established: 'tcpStates.state.established',
  'closing-local': 'tcpStates.state.closingLocal',
  'closing-peer': 'tcpStates.state.closingPeer',
  'waiting-app': 'tcpStates.state.waitingApp',
  listening: 'tcpStates.state.listening',
  closed: 'tcpStates.state.closed',
};

const DEBOUNCE_MS = 100;
/** A new index or preview is drawn at once: the visible lines are what the user waits for. */
const INDEXED_DELAY_MS = 0;
/** Lines decorated beyond each visible range, so a small scroll does not show bare lines. */
const MARGIN_LINES = 20;

/** What was last applied to an editor, for tests. */
export interface DecoratedLines {
  readonly states: readonly number[];
  readonly inline: readonly number[];
}

export class DecorationController extends Disposable {
  private readonly familyTypes = new Map<Family, vscode.TextEditorDecorationType>();
  private readonly inlineType: vscode.TextEditorDecorationType;
  private readonly applied = new Map<string, DecoratedLines>();
  private readonly refreshLater = this.register(new Debouncer(DEBOUNCE_MS, () => this.refresh()));
  private readonly refreshSoon = this.register(new Debouncer(INDEXED_DELAY_MS, () => this.refresh()));

  constructor(private readonly indexes: DocumentIndexService) {
    super();
    // Created once; only the ranges change afterwards.
    for (const [family, color] of Object.entries(FAMILY_COLOR) as [Family, string][]) {
      this.familyTypes.set(
        family,
        this.register(
          vscode.window.createTextEditorDecorationType({
            color: new vscode.ThemeColor(color),
            fontWeight: family === 'waiting-app' ? 'bold' : undefined,
          }),
        ),
      );
    }
    this.inlineType = this.register(
      vscode.window.createTextEditorDecorationType({
        after: {
          color: new vscode.ThemeColor('tcpStates.inlineMeaning.foreground'),
          fontStyle: 'italic',
          margin: '0 0 0 1.5em',
        },
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
    );
    const schedule = (): void => this.refreshLater.schedule();
    this.register(indexes.onDidIndex(() => this.refreshSoon.schedule()));
    this.register(vscode.window.onDidChangeVisibleTextEditors(schedule));
    this.register(vscode.window.onDidChangeTextEditorVisibleRanges(schedule));
    this.register(
      onDidChangeSettings((change) => {
        if (change.affects('stateColors', 'inlineMeaning', 'contentLanguage')) schedule();
      }),
    );
    schedule();
  }

  /** Lines (1-based) decorated in the visible editor of `uri`, as last applied. */
  decoratedLines(uri: vscode.Uri): DecoratedLines {
    return this.applied.get(uri.toString()) ?? { states: [], inline: [] };
  }

  /** Re-decorates now instead of after the debounce (tests). */
  flush(): void {
    this.refreshLater.flush();
  }

  private refresh(): void {
    this.refreshLater.cancel();
    this.refreshSoon.cancel();
    this.applied.clear();
    for (const editor of vscode.window.visibleTextEditors) this.decorate(editor);
  }

  private decorate(editor: vscode.TextEditor): void {
    const document = editor.document;
    const byFamily = new Map<Family, vscode.Range[]>();
    const inline: vscode.DecorationOptions[] = [];
    const states: number[] = [];
    const inlineLines: number[] = [];
    const colors = stateColorsEnabled();
    const mode = inlineMeaningMode();
    const lang = uiLang();
    for (const visible of editor.visibleRanges) {
      const first = Math.max(1, visible.start.line + 1 - MARGIN_LINES);
      const last = Math.min(document.lineCount, visible.end.line + 1 + MARGIN_LINES);
      // Each line from the index that describes it: the document's, or the visible range's preview while it is
      // being indexed. Lines at or after an edit not yet re-indexed, and not previewed, stay bare until the rebuild.
      for (const { index, span } of this.indexes.spansIn(document, first, last)) {
        const lineText = document.lineAt(span.line - 1);
        if (colors && span.end <= lineText.text.length) {
          const family = stateReference(span.state).family;
          let list = byFamily.get(family);
          if (list === undefined) byFamily.set(family, (list = []));
          list.push(new vscode.Range(span.line - 1, span.start, span.line - 1, span.end));
          states.push(span.line);
        }
        const entry = mode === 'off' ? undefined : index.entryAt(span.line);
        const text = entry === undefined ? undefined : inlineMeaning(entry, mode, lang);
        if (text !== undefined) {
          // After the last visible character: ss pads its lines with spaces up to the terminal width.
          const at = new vscode.Position(span.line - 1, lineText.text.trimEnd().length);
          inline.push({ range: new vscode.Range(at, at), renderOptions: { after: { contentText: text } } });
          inlineLines.push(span.line);
        }
      }
    }
    for (const [family, type] of this.familyTypes) editor.setDecorations(type, byFamily.get(family) ?? []);
    editor.setDecorations(this.inlineType, inline);
    const key = document.uri.toString();
    const prev = this.applied.get(key);
    // The same document in two editors: report the union.
    this.applied.set(key, {
      states: [...new Set([...(prev?.states ?? []), ...states])].sort((a, b) => a - b),
      inline: [...new Set([...(prev?.inline ?? []), ...inlineLines])].sort((a, b) => a - b),
    });
  }
}
