// Node (shared by the extension host and the CLI): a poll parses only the rows that changed since the last one.
import { LogParser } from '../../core/parse/logParser';
import type { ConnectionRecord } from '../../core/parse/types';

/**
 * What identifies a row's content for reuse. For ss and netstat rows (no timers asked for) that is the whole
 * line. A /proc/net/tcp row's timer (`tr:tm->when`, `retrnsmt`, `timeout`) and congestion fields change on
 * every read, so its key is the 4-tuple, state, queues, uid and inode: a reused record then has the timer it
 * had when first parsed (the watch neither shows nor records timers).
 */
export type RowKey = (line: string) => string;

const wholeLine: RowKey = (line) => line;

/** End of the token that starts at or after `p` (spaces skipped); `start` is set to where it starts. */
function tokenEnd(line: string, p: number, at: { start: number }): number {
  while (line.charCodeAt(p) === 32) p++;
  at.start = p;
  const e = line.indexOf(' ', p);
  return e < 0 ? line.length : e;
}

const at = { start: 0 };

/** `sl: local remote st tx:rx tr:when retrnsmt uid timeout inode …` → `local remote st tx:rx|uid timeout inode`. */
export const procRowKey: RowKey = (line) => {
  const colon = line.indexOf(':');
  if (colon < 0) return line;
  let p = colon + 1;
  p = tokenEnd(line, p, at); // local
  const head = at.start;
  p = tokenEnd(line, p, at); // remote
  p = tokenEnd(line, p, at); // st
  p = tokenEnd(line, p, at); // tx:rx
  const headEnd = p;
  p = tokenEnd(line, p, at); // tr:when
  p = tokenEnd(line, p, at); // retrnsmt
  p = tokenEnd(line, p, at); // uid
  const tail = at.start;
  p = tokenEnd(line, p, at); // timeout
  p = tokenEnd(line, p, at); // inode
  return `${line.slice(head, headEnd)}|${line.slice(tail, p)}`;
};

/**
 * Rows seen in the last poll, by key. A row whose key is unchanged gives back the same record (no parse, and
 * the same object, so the differ's per-record work is cached too); a new or changed row is parsed by the
 * same LogParser as any log. Rows that were not seen again are dropped at the end of each poll.
 */
export class RowCache {
  private last = new Map<string, ConnectionRecord>();
  private next = new Map<string, ConnectionRecord>();

  constructor(private readonly keyOf: RowKey = wholeLine) {}

  /** Call once per poll, before the tables of that poll. */
  begin(): void {
    this.next = new Map();
  }

  /** Call once per poll, after its tables: what was not seen again is forgotten. */
  end(): void {
    this.last = this.next;
  }

  /** Every connection row of one table (a whole command output or /proc file), in order. */
  parse(text: string, into: ConnectionRecord[]): ConnectionRecord[] {
    const parser = new LogParser();
    let start = 0;
    let n = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      const line = text.slice(start, stop);
      start = end + 1;
      n++;
      const key = this.keyOf(line);
      let r = this.last.get(key) ?? this.next.get(key);
      if (r === undefined) {
        r = parser.parseLine(line, n);
        // Headers and other lines are fed to the parser every time (a netstat header sets its columns).
        if (r === undefined || r.format === 'conntrack') continue;
      }
      this.next.set(key, r);
      into.push(r);
    }
    return into;
  }
}
