// Extension host: the one "decorate the visible lines of visible editors" — a colour per family on a range of a line
// and a text after it, redrawn on index, visible-range and settings events; what was applied is kept for tests.
import * as vscode from 'vscode';
import type { StateSpan } from '../../core/document/lineIndex';
import type { Lang } from '../../core/tcp/types';
import type { InlineMeaningMode } from '../../core/text/inlineMeaning';
import type { DocumentIndexService } from './documentIndexService';
import { inlineMeaningMode, onDidChangeSettings, stateColorsEnabled, uiLang } from '../settings';
import { Debouncer } from '../plumbing/debounce';
import { Disposable } from '../plumbing/dispose';

const DEBOUNCE_MS = 100;
/** Lines decorated beyond each visible range, so a small scroll does not show bare lines. */
const MARGIN_LINES = 20;

/** The coloured columns (0-based, end exclusive) of a 1-based line, as a state span has them. */
export type MarkedSpan = Pick<StateSpan, 'line' | 'start' | 'end'>;

/** What was last applied to an editor, for tests: the lines (1-based) coloured, named `K`, and with an inline text. */
export type AppliedLines<K extends string> = Readonly<Record<K | 'inline', readonly number[]>>;

export interface VisibleLineOptions<F extends string> {
  /** Theme colour id of each family; one decoration type each, created once. */
  readonly colors: Readonly<Record<F, string>>;
  /** The family drawn bold. */
  readonly bold: F;
  /** When set, an index event redraws after this delay rather than after the scroll debounce. */
  readonly indexedDelayMs?: number;
}

/**
 * Base of a controller that decorates the lines [visible − margin, visible + margin] of each visible editor:
 * `marksIn` says which lines carry a mark, `familyOf` its colour (asked when colours are on and the range lies in
 * the line), `inlineOf` the text after it (asked when the inline meaning is on).
 */
export abstract class VisibleLineDecorations<
  F extends string,
  M extends { readonly span: MarkedSpan },
> extends Disposable {
  private readonly familyTypes = new Map<F, vscode.TextEditorDecorationType>();
  private readonly inlineType: vscode.TextEditorDecorationType;
  private readonly applied = new Map<string, AppliedLines<'colored'>>();
  private readonly refreshLater = this.register(new Debouncer(DEBOUNCE_MS, () => this.refresh()));
  private readonly refreshIndexed: Debouncer;

  constructor(
    protected readonly indexes: DocumentIndexService,
    options: VisibleLineOptions<F>,
  ) {
    super();
    const { indexedDelayMs } = options;
    this.refreshIndexed =
      indexedDelayMs === undefined
        ? this.refreshLater
        : this.register(new Debouncer(indexedDelayMs, () => this.refresh()));
    // Created once; only the ranges change afterwards.
    for (const [family, color] of Object.entries(options.colors) as [F, string][]) {
      this.familyTypes.set(
        family,
        this.register(
          vscode.window.createTextEditorDecorationType({
            color: new vscode.ThemeColor(color),
            fontWeight: family === options.bold ? 'bold' : undefined,
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
    this.register(indexes.onDidIndex(() => this.refreshIndexed.schedule()));
    this.register(vscode.window.onDidChangeVisibleTextEditors(schedule));
    this.register(vscode.window.onDidChangeTextEditorVisibleRanges(schedule));
    this.register(
      onDidChangeSettings((change) => {
        if (change.affects('stateColors', 'inlineMeaning', 'contentLanguage')) schedule();
      }),
    );
    schedule();
  }

  /** The marks of lines [first, last] (1-based, inclusive) of the document; lines past its end are left out. */
  protected abstract marksIn(document: vscode.TextDocument, first: number, last: number): Iterable<M>;

  protected abstract familyOf(mark: M): F;

  protected abstract inlineOf(mark: M, mode: InlineMeaningMode, lang: Lang): string | undefined;

  /** Re-decorates now instead of after the debounce (tests). */
  flush(): void {
    this.refreshLater.flush();
  }

  /** Lines (1-based) decorated in the visible editor of `uri`, as last applied; the coloured ones named `colored`. */
  protected appliedLines<K extends string>(uri: vscode.Uri, colored: K): AppliedLines<K> {
    const applied = this.applied.get(uri.toString());
    return { [colored]: applied?.colored ?? [], inline: applied?.inline ?? [] } as AppliedLines<K>;
  }

  private refresh(): void {
    this.refreshLater.cancel();
    this.refreshIndexed.cancel();
    this.applied.clear();
    for (const editor of vscode.window.visibleTextEditors) this.decorate(editor);
  }

  private decorate(editor: vscode.TextEditor): void {
    const document = editor.document;
    const byFamily = new Map<F, vscode.Range[]>();
    const inline: vscode.DecorationOptions[] = [];
    const coloredLines: number[] = [];
    const inlineLines: number[] = [];
    const colors = stateColorsEnabled();
    const mode = inlineMeaningMode();
    const lang = uiLang();
    for (const visible of editor.visibleRanges) {
      const first = Math.max(1, visible.start.line + 1 - MARGIN_LINES);
      const last = Math.min(document.lineCount, visible.end.line + 1 + MARGIN_LINES);
      for (const mark of this.marksIn(document, first, last)) {
        const { line, start, end } = mark.span;
        const text = document.lineAt(line - 1).text;
        if (colors && end <= text.length) {
          const family = this.familyOf(mark);
          let list = byFamily.get(family);
          if (list === undefined) byFamily.set(family, (list = []));
          list.push(new vscode.Range(line - 1, start, line - 1, end));
          coloredLines.push(line);
        }
        const meaning = mode === 'off' ? undefined : this.inlineOf(mark, mode, lang);
        if (meaning !== undefined) {
          // After the last visible character: ss pads its lines with spaces up to the terminal width.
          const at = new vscode.Position(line - 1, text.trimEnd().length);
          inline.push({
            range: new vscode.Range(at, at),
            renderOptions: { after: { contentText: meaning } },
          });
          inlineLines.push(line);
        }
      }
    }
    for (const [family, type] of this.familyTypes) editor.setDecorations(type, byFamily.get(family) ?? []);
    editor.setDecorations(this.inlineType, inline);
    const key = document.uri.toString();
    const prev = this.applied.get(key);
    // The same document in two editors: report the union.
    this.applied.set(key, {
      colored: [...new Set([...(prev?.colored ?? []), ...coloredLines])].sort((a, b) => a - b),
      inline: [...new Set([...(prev?.inline ?? []), ...inlineLines])].sort((a, b) => a - b),
    });
  }
}
