// Pure (runs anywhere: host, webview, CLI): line-by-line recognition of every connection-table dialect.
import type { ConnectionRecord, KernelEvent, ParseResult, SnapshotInfo } from './types';
import { rowDraft, type RecordDraft } from './recordDraft';
import { bsdColumnsFromHeader, parseBsdLine, type BsdColumns } from './bsdParser';
import { parseConntrackLine } from './conntrackParser';
import { RowScanner } from './fastRows';
import { parseLsofLine } from './lsofParser';
import { netstatColumnsFromHeader, parseNetstatLine, type NetstatColumns } from './netstatParser';
import { PowerShellListReader, parsePowerShellRow } from './powershellParser';
import { parseProcLine } from './procParser';
import { matchHeader, matchKernelEvent, matchTimestamp } from './specialLines';
import { isSsStateToken, parseSsLine } from './ssParser';
import { parseTcpstatesCsv, parseTcpstatesLine } from './tcpstatesParser';
import { Tokens, isHexString } from './tokens';
import { parseWindowsLine, parseWindowsOwnerLine } from './windowsParser';
import { ownString } from '../text/ownString';

/** The record standing for the last ss row read by acceptPlainSs's caller. */
const WILDCARD_EP = { host: '*', port: '*' };
const PLAIN_SS: RecordDraft = rowDraft(0, 'ss', 'ESTABLISHED', 'ESTAB', 0, 5, WILDCARD_EP, WILDCARD_EP);

/**
 * What the parse of the lines after a point depends on, for an input parsed in two parts: the netstat
 * header's columns (JSON, '' when none), a snapshot open with rows in it, and no pending line (an ss row a
 * continuation line could extend, a Windows row awaiting its owner line).
 */
export interface SplitState {
  readonly netstatColumns: string;
  readonly open: boolean;
  readonly pending: boolean;
}

/** What a parser fed the second part of an input found besides records (see LogParser.adopt). */
export interface ParserPart {
  readonly snapshots: readonly SnapshotInfo[];
  readonly kernelEvents: readonly KernelEvent[];
}

/**
 * Feeds lines in order; each line is classified on its own (real files mix dialects, prompts,
 * headers and kernel lines). Dispatch looks at the first token only, so the cost per line is one
 * tokenisation plus the chosen dialect's scan. Context carried between lines: the last netstat
 * header's columns, the record an `ss -i` continuation or a Windows `-b` owner line belongs to,
 * and the current snapshot.
 */
export class LogParser {
  readonly snapshots: SnapshotInfo[] = [];
  readonly kernelEvents: KernelEvent[] = [];
  private readonly tok = new Tokens();
  private readonly rows = new RowScanner();
  private netstatCols: NetstatColumns | undefined;
  private bsdCols: BsdColumns | undefined;
  private readonly psList = new PowerShellListReader();
  private current: SnapshotInfo | undefined;
  private recordsInCurrent = 0;
  private lastSs: RecordDraft | undefined;
  private lastSsLine = -1;
  private lastWindows: RecordDraft | undefined;

  /** Feed lines in order. lineNumber is 1-based. Returns the record if the line is a connection line. Never throws. */
  parseLine(text: string, lineNumber: number): ConnectionRecord | undefined {
    try {
      return this.parse(text, lineNumber);
    } catch {
      // A parser bug must not take the editor down; tests assert real parses, so this stays rare.
      return undefined;
    }
  }

  /**
   * parseLine(text.slice(start, end), n) for a line inside a larger text (the CLI's 64 KiB chunks).
   * `bytes`, when given, holds the same characters at the same offsets (an ASCII chunk read as latin1):
   * plain ss and netstat rows are then read from the bytes without slicing the line.
   */
  parseRange(
    text: string,
    bytes: Uint8Array | undefined,
    start: number,
    end: number,
    n: number,
  ): ConnectionRecord | undefined {
    if (bytes !== undefined && this.lastWindows === undefined && !this.psList.open && end > start) {
      const stop = text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      let rec: RecordDraft | undefined;
      try {
        rec = stop > start ? this.rows.scan(bytes, text, start, stop, n, this.netstatCols) : undefined;
      } catch {
        rec = undefined;
      }
      if (rec !== undefined) {
        if (this.current) this.current.endLine = n;
        return this.accept(rec, n);
      }
    }
    return this.parseLine(start === 0 && end === text.length ? text : text.slice(start, end), n);
  }

  /** The Windows row whose owner (`netstat -b`: `[sshd.exe]` on the lines below) may still be added to it. */
  get awaitingOwner(): ConnectionRecord | undefined {
    return this.lastWindows;
  }

  /** True when a plain row may be read without the parser: no Windows owner line or PowerShell list is pending. */
  get plainRows(): boolean {
    return this.lastWindows === undefined && !this.psList.open;
  }

  /**
   * What parseRange does around an ss row read elsewhere (ssSummaryRows, which keeps no record): the line
   * counted in its snapshot, which may be continued by `ss -i` lines; returns the snapshot's index.
   */
  acceptPlainSs(n: number): number {
    if (this.current) this.current.endLine = n;
    else this.startSnapshot(n, undefined);
    this.recordsInCurrent++;
    // Continuation lines are appended to a record nobody reads: reset it so it never grows.
    const stand = PLAIN_SS;
    stand.info = undefined;
    stand.infoLine = undefined;
    this.lastSs = stand;
    this.lastSsLine = n;
    return (this.current as SnapshotInfo).index;
  }

  /**
   * The state after the lines fed so far, `nextLine` being the number of the line that comes next and
   * `nextIndented` whether it starts with a space or a tab (only such a line can continue an ss row).
   */
  splitState(nextLine: number, nextIndented: boolean): SplitState {
    const netstat = this.netstatCols === undefined ? '' : JSON.stringify(this.netstatCols);
    return {
      netstatColumns: this.bsdCols === undefined ? netstat : `${netstat}|${JSON.stringify(this.bsdCols)}`,
      open: this.current !== undefined && this.recordsInCurrent > 0,
      pending:
        this.lastWindows !== undefined ||
        this.psList.open ||
        (nextIndented && this.lastSs !== undefined && this.lastSsLine === nextLine - 1),
    };
  }

  /**
   * Starts a parser on the second part of an input as if the first part had left `state` (with `open` and
   * no pending line): snapshot 0 is the one open at the split. Records of snapshot 0 do not get that
   * snapshot's time (unknown here); nothing a summary or a diagnosis reports depends on it.
   */
  assume(state: SplitState): void {
    const bar = state.netstatColumns.indexOf('|');
    const netstat = bar < 0 ? state.netstatColumns : state.netstatColumns.slice(0, bar);
    this.netstatCols = netstat === '' ? undefined : (JSON.parse(netstat) as NetstatColumns);
    this.bsdCols = bar < 0 ? undefined : (JSON.parse(state.netstatColumns.slice(bar + 1)) as BsdColumns);
    this.startSnapshot(1, undefined);
    this.recordsInCurrent = 1;
  }

  /**
   * Appends what a parser started with `assume` found in the rest of the input, its line n being line
   * n + lineShift here: its snapshot 0 extends this parser's current one, the others follow.
   */
  adopt(part: ParserPart, lineShift: number): void {
    const shift = this.snapshots.length - 1;
    for (const s of part.snapshots) {
      if (s.index === 0) {
        if (this.current) this.current.endLine = s.endLine + lineShift;
        continue;
      }
      const snap: SnapshotInfo = {
        index: s.index + shift,
        startLine: s.startLine + lineShift,
        endLine: s.endLine + lineShift,
      };
      if (s.time !== undefined) (snap as { time?: string }).time = s.time;
      this.snapshots.push(snap);
      this.current = snap;
    }
    for (const e of part.kernelEvents) this.kernelEvents.push({ ...e, line: e.line + lineShift });
  }

  private parse(raw: string, n: number): ConnectionRecord | undefined {
    const text = raw.length > 0 && raw.charCodeAt(raw.length - 1) === 13 ? raw.slice(0, -1) : raw;
    if (this.current) this.current.endLine = n;
    let f = 0;
    while (f < text.length) {
      const c = text.charCodeAt(f);
      if (c !== 32 && c !== 9) break;
      f++;
    }
    if (f === text.length) return undefined;

    // ss -i / -m / -e continuation: an indented line directly under an ss row.
    if (f > 0 && this.lastSs && this.lastSsLine === n - 1 && text.charCodeAt(f) !== 91) {
      const info = text.slice(f).trimEnd();
      const rec = this.lastSs;
      rec.info = rec.info === undefined ? info : `${rec.info} ${info}`;
      if (rec.infoLine === undefined) rec.infoLine = n;
      this.lastSsLine = n;
      return undefined;
    }

    // Seven tokens are enough to dispatch and to parse an ss row (whose extras are scanned with a
    // cursor); dialects that need every column re-split. This halves the work on `ss -tanpo` dumps.
    const tok = this.tok.split(text, f, 7);
    if (this.lastWindows) {
      const owner = parseWindowsOwnerLine(text, tok);
      if (owner) {
        if (owner.kind === 'exe') {
          const pid = this.lastWindows.pid;
          this.lastWindows.processes.push(
            pid === undefined ? { name: owner.name } : { name: owner.name, pid },
          );
          this.lastWindows = undefined;
        } else if (owner.kind === 'unknown') this.lastWindows = undefined;
        return undefined;
      }
      this.lastWindows = undefined;
    }
    // Get-NetTCPConnection | Format-List: `Name : Value` lines.
    if (
      tok.count >= 2 &&
      tok.ends[1] - tok.starts[1] === 1 &&
      text.charCodeAt(tok.starts[1]) === 58 &&
      (this.psList.open || tok.is(0, 'LocalAddress'))
    ) {
      const listed = this.psList.feed(tok, n);
      return listed ? this.accept(listed, n) : undefined;
    }
    if (this.psList.open) this.psList.reset();

    const rec = this.dispatch(text, tok, n);
    if (rec) return this.accept(rec, n);

    const trimmed = text.slice(f).trimEnd();
    const header = matchHeader(trimmed);
    if (header !== undefined) {
      this.onHeader(header, trimmed, n);
      return undefined;
    }
    const time = matchTimestamp(trimmed);
    if (time !== undefined) {
      this.startSnapshot(n, time);
      return undefined;
    }
    const ev = matchKernelEvent(text, n);
    if (ev) this.kernelEvents.push(ev);
    return undefined;
  }

  private dispatch(text: string, tok: Tokens, n: number): RecordDraft | undefined {
    const c = text.charCodeAt(tok.starts[0]);
    // tcpstates -s: comma separated, starting at column 0 with SKADDR or a time field.
    if (tok.starts[0] === 0 && text.indexOf(',') > 0 && text.indexOf(',') < tok.ends[0])
      return parseTcpstatesCsv(text, n);
    if (tok.count < 4) return undefined;
    if (isSsStateToken(tok, 0)) return parseSsLine(text, tok, n);
    if (
      c === 116 /* t */ &&
      (tok.is(0, 'tcp') || tok.is(0, 'tcp6') || tok.is(0, 'tcp4') || tok.is(0, 'tcp46'))
    ) {
      if (isSsStateToken(tok, 1)) return parseSsLine(text, tok, n);
      tok.split(text, tok.starts[0]);
      if (tok.is(1, '6') && tok.count > 8) return parseConntrackLine(text, tok, n);
      return parseNetstatLine(text, tok, n, this.netstatCols) ?? parseBsdLine(text, tok, n, this.bsdCols);
    }
    if (c === 84 /* T */ && tok.is(0, 'TCP')) {
      const rec = parseWindowsLine(text, tok, n);
      if (rec) this.lastWindows = rec;
      return rec;
    }
    if (tok.count === 7) tok.split(text, tok.starts[0]);
    // netstat -A: a PCB / socket address (and macOS's Flowhash) before Proto.
    if (tok.count >= 7 && isHexString(tok.get(0), 8, 16)) {
      const bsd = parseBsdLine(text, tok, n, this.bsdCols);
      if (bsd) return bsd;
    }
    const ps = parsePowerShellRow(tok, n);
    if (ps) return ps;
    if (c === 105 /* i */ && (tok.is(0, 'ipv4') || tok.is(0, 'ipv6')))
      return parseConntrackLine(text, tok, n);
    const firstEnd = tok.ends[0];
    if (c >= 48 && c <= 57 && text.charCodeAt(firstEnd - 1) === 58 /* N: */)
      return parseProcLine(text, tok, n);
    if (tok.count >= 10 && (tok.is(4, 'IPv4') || tok.is(4, 'IPv6'))) return parseLsofLine(text, tok, n);
    if (tok.count >= 8) {
      for (let i = 0; i < 3; i++) {
        if (isHexString(tok.get(i), 8, 16)) return parseTcpstatesLine(tok, n);
      }
    }
    return undefined;
  }

  private accept(rec: RecordDraft, n: number): ConnectionRecord {
    if (!this.current) this.startSnapshot(n, undefined);
    const snap = this.current as SnapshotInfo;
    rec.snapshot = snap.index;
    if (rec.time === undefined && snap.time !== undefined) rec.time = snap.time;
    this.recordsInCurrent++;
    if (rec.format === 'ss') {
      this.lastSs = rec;
      this.lastSsLine = n;
    } else this.lastSs = undefined;
    return rec;
  }

  private onHeader(kind: string, trimmed: string, n: number): void {
    this.bsdCols = kind === 'bsd' ? bsdColumnsFromHeader(trimmed) : undefined;
    this.netstatCols =
      kind === 'netstat'
        ? netstatColumnsFromHeader(trimmed)
        : kind === 'banner'
          ? this.netstatCols
          : undefined;
    this.lastSs = undefined;
    // A header repeated after connection lines starts the next snapshot; right after a
    // timestamp (or a banner) it belongs to the snapshot already open.
    if (!this.current || this.recordsInCurrent > 0) this.startSnapshot(n, undefined);
  }

  private startSnapshot(n: number, time: string | undefined): void {
    if (this.current && this.current.endLine >= n) this.current.endLine = n - 1;
    const snap: SnapshotInfo =
      time === undefined
        ? { index: this.snapshots.length, startLine: n, endLine: n }
        : { index: this.snapshots.length, startLine: n, endLine: n, time: ownString(time) };
    this.snapshots.push(snap);
    this.current = snap;
    this.recordsInCurrent = 0;
  }
}

/** Splits on \n, strips a trailing \r per line and feeds a LogParser. */
export function parseLog(text: string): ParseResult {
  const parser = new LogParser();
  const records: ConnectionRecord[] = [];
  let start = 0;
  let n = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const rec = parser.parseLine(text.slice(start, end), n);
    if (rec) records.push(rec);
    start = end + 1;
    n++;
  }
  return { records, snapshots: parser.snapshots, kernelEvents: parser.kernelEvents };
}
