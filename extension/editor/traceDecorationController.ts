// Extension host: colours the flags of each packet line ([S], [F.], [R.]…) and writes both ends' states after it,
// on the visible lines of visible editors only.
import * as vscode from 'vscode';
import { packetInline } from '../../core/text/traceText';
import { flagsFamily, type FlagsFamily } from '../../core/trace/flagsFamily';
import { Debouncer } from '../plumbing/debounce';
import { Disposable } from '../plumbing/dispose';
import { inlineMeaningMode, onDidChangeSettings, stateColorsEnabled, uiLang } from '../settings';
import type { DocumentIndexService } from './documentIndexService';

/** Theme colour of each flags family: the state families they open or close into, and one for resets. */
export const FLAGS_COLOR: Readonly<Record<FlagsFamily, string>> = {
  opening: 'tcpStates.state.opening',
  closing: 'tcpStates.state.closingLocal',
  reset: 'tcpStates.packet.reset',
  data: 'tcpStates.state.established',
};

const DEBOUNCE_MS = 100;
const MARGIN_LINES = 20;

/** What was last applied to an editor, for tests. */
export interface DecoratedPackets {
  readonly flags: readonly number[];
  readonly inline: readonly number[];
}

export class TraceDecorationController extends Disposable {
  private readonly flagTypes = new Map<FlagsFamily, vscode.TextEditorDecorationType>();
  private readonly inlineType: vscode.TextEditorDecorationType;
  private readonly applied = new Map<string, DecoratedPackets>();
  private readonly refreshLater = this.register(new Debouncer(DEBOUNCE_MS, () => this.refresh()));

  constructor(private readonly indexes: DocumentIndexService) {
    super();
    for (const [family, color] of Object.entries(FLAGS_COLOR) as [FlagsFamily, string][])
      this.flagTypes.set(
        family,
        this.register(
          vscode.window.createTextEditorDecorationType({
            color: new vscode.ThemeColor(color),
            fontWeight: family === 'reset' ? 'bold' : undefined,
          }),
        ),
      );
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
    this.register(indexes.onDidIndex(schedule));
    this.register(vscode.window.onDidChangeVisibleTextEditors(schedule));
    this.register(vscode.window.onDidChangeTextEditorVisibleRanges(schedule));
    this.register(
      onDidChangeSettings((change) => {
        if (change.affects('stateColors', 'inlineMeaning', 'contentLanguage')) schedule();
      }),
    );
    schedule();
  }

  decoratedPackets(uri: vscode.Uri): DecoratedPackets {
    this.refreshLater.flush();
    return this.applied.get(uri.toString()) ?? { flags: [], inline: [] };
  }

  private refresh(): void {
    this.applied.clear();
    for (const editor of vscode.window.visibleTextEditors) this.decorate(editor);
  }

  private decorate(editor: vscode.TextEditor): void {
    const document = editor.document;
    const trace = this.indexes.traceOf(document);
    const byFamily = new Map<FlagsFamily, vscode.Range[]>();
    const inline: vscode.DecorationOptions[] = [];
    const flagLines: number[] = [];
    const inlineLines: number[] = [];
    if (trace !== undefined) {
      const colors = stateColorsEnabled();
      const mode = inlineMeaningMode();
      const lang = uiLang();
      for (const visible of editor.visibleRanges) {
        const first = Math.max(1, visible.start.line + 1 - MARGIN_LINES);
        const last = Math.min(document.lineCount, visible.end.line + 1 + MARGIN_LINES);
        for (const p of trace.packetsIn(first, last)) {
          const line = p.packet.line;
          // Lines at or after an edit not yet re-indexed may have moved: leave them bare until the rebuild.
          if (this.indexes.traceFor(document, line) === undefined || line > document.lineCount) continue;
          const text = document.lineAt(line - 1).text;
          if (colors && p.packet.flagsEnd <= text.length) {
            const family = flagsFamily(p.packet);
            let list = byFamily.get(family);
            if (list === undefined) byFamily.set(family, (list = []));
            list.push(new vscode.Range(line - 1, p.packet.flagsStart, line - 1, p.packet.flagsEnd));
            flagLines.push(line);
          }
          const at = mode === 'off' ? undefined : trace.packetAt(line);
          const meaning = at === undefined ? undefined : packetInline(trace, at, mode, lang);
          if (meaning !== undefined) {
            const pos = new vscode.Position(line - 1, text.trimEnd().length);
            inline.push({
              range: new vscode.Range(pos, pos),
              renderOptions: { after: { contentText: meaning } },
            });
            inlineLines.push(line);
          }
        }
      }
    }
    for (const [family, type] of this.flagTypes) editor.setDecorations(type, byFamily.get(family) ?? []);
    editor.setDecorations(this.inlineType, inline);
    const key = document.uri.toString();
    const prev = this.applied.get(key);
    this.applied.set(key, {
      flags: [...new Set([...(prev?.flags ?? []), ...flagLines])].sort((a, b) => a - b),
      inline: [...new Set([...(prev?.inline ?? []), ...inlineLines])].sort((a, b) => a - b),
    });
  }
}
