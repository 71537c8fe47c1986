// Extension host: colours the state text by family and writes the inline meaning, on the visible lines of visible editors only.
import type * as vscode from 'vscode';
import type { LineIndex, StateSpan } from '../../core/document/lineIndex';
import { stateReference, type StateReference } from '../../core/tcp/stateReference';
import type { Lang } from '../../core/tcp/types';
import { inlineMeaning, type InlineMeaningMode } from '../../core/text/inlineMeaning';
import { VisibleLineDecorations, type AppliedLines } from './visibleLineDecorations';
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

/** A new index or preview is drawn at once: the visible lines are what the user waits for. */
const INDEXED_DELAY_MS = 0;

/** What was last applied to an editor, for tests. */
export type DecoratedLines = AppliedLines<'states'>;

/** A state span with the index that describes its line. */
interface IndexedSpan {
  readonly index: LineIndex;
  readonly span: StateSpan;
}

export class DecorationController extends VisibleLineDecorations<Family, IndexedSpan> {
  constructor(indexes: DocumentIndexService) {
    super(indexes, {
      colors: FAMILY_COLOR,
      bold: 'waiting-app',
      indexedDelayMs: INDEXED_DELAY_MS,
    });
  }

  /** Lines (1-based) decorated in the visible editor of `uri`, as last applied. */
  decoratedLines(uri: vscode.Uri): DecoratedLines {
    return this.appliedLines(uri, 'states');
  }

  /**
   * Each line from the index that describes it: the document's, or the visible range's preview while it is
   * being indexed. Lines at or after an edit not yet re-indexed, and not previewed, stay bare until the rebuild.
   */
  protected marksIn(document: vscode.TextDocument, first: number, last: number): IndexedSpan[] {
    return this.indexes.spansIn(document, first, last);
  }

  protected familyOf({ span }: IndexedSpan): Family {
    return stateReference(span.state).family;
  }

  protected inlineOf({ index, span }: IndexedSpan, mode: InlineMeaningMode, lang: Lang): string | undefined {
    const entry = index.entryAt(span.line);
    return entry === undefined ? undefined : inlineMeaning(entry, mode, lang);
  }
}
