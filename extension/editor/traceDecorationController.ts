// Extension host: colours the flags of each packet line ([S], [F.], [R.]…) and writes both ends' states after it,
// on the visible lines of visible editors only.
import type * as vscode from 'vscode';
import type { TraceIndex } from '../../core/document/traceIndex';
import type { Lang } from '../../core/tcp/types';
import type { InlineMeaningMode } from '../../core/text/inlineMeaning';
import { packetInline } from '../../core/text/traceText';
import { flagsFamily, type FlagsFamily } from '../../core/trace/flagsFamily';
import type { PacketLine } from '../../core/trace/packetParser';
import { VisibleLineDecorations, type AppliedLines, type MarkedSpan } from './visibleLineDecorations';
import type { DocumentIndexService } from './documentIndexService';

/** Theme colour of each flags family: the state families they open or close into, and one for resets. */
export const FLAGS_COLOR: Readonly<Record<FlagsFamily, string>> = {
  opening: 'tcpStates.state.opening',
  closing: 'tcpStates.state.closingLocal',
  reset: 'tcpStates.packet.reset',
  data: 'tcpStates.state.established',
};

/** What was last applied to an editor, for tests. */
export type DecoratedPackets = AppliedLines<'flags'>;

/** A packet line: its flags' columns, the packet and its trace. */
interface PacketMark {
  readonly span: MarkedSpan;
  readonly packet: PacketLine;
  readonly trace: TraceIndex;
}

export class TraceDecorationController extends VisibleLineDecorations<FlagsFamily, PacketMark> {
  constructor(indexes: DocumentIndexService) {
    super(indexes, { colors: FLAGS_COLOR, bold: 'reset' });
  }

  decoratedPackets(uri: vscode.Uri): DecoratedPackets {
    this.flush();
    return this.appliedLines(uri, 'flags');
  }

  protected *marksIn(document: vscode.TextDocument, first: number, last: number): Iterable<PacketMark> {
    const trace = this.indexes.traceOf(document);
    if (trace === undefined) return;
    for (const p of trace.packetsIn(first, last)) {
      const line = p.packet.line;
      // Lines at or after an edit not yet re-indexed may have moved: leave them bare until the rebuild.
      if (this.indexes.traceFor(document, line) === undefined || line > document.lineCount) continue;
      yield { span: { line, start: p.packet.flagsStart, end: p.packet.flagsEnd }, packet: p.packet, trace };
    }
  }

  protected familyOf(mark: PacketMark): FlagsFamily {
    return flagsFamily(mark.packet);
  }

  protected inlineOf({ span, trace }: PacketMark, mode: InlineMeaningMode, lang: Lang): string | undefined {
    const at = trace.packetAt(span.line);
    return at === undefined ? undefined : packetInline(trace, at, mode, lang);
  }
}
