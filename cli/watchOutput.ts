// Node (CLI): how `tcp-states watch` prints a change, as a line for people or a JSON object per line.
import type { ChangeEvent } from '../core/analysis/snapshotDiff';
import { terminalSafe } from '../core/text/terminalText';
import { paint } from './cliOutput';
import { jsonString } from './recordJson';

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** `12:00:01.234`, local time: what a terminal user compares with their own clock. */
export function clockTime(t: number): string {
  const d = new Date(t);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

function owner(e: ChangeEvent): string {
  if (e.process === undefined && e.pid === undefined) return '';
  if (e.process === undefined || e.process === '') return ` (pid ${e.pid})`;
  return e.pid === undefined ? ` (${e.process})` : ` (${e.process} pid ${e.pid})`;
}

/** `12:00:01.234 127.0.0.1:41234 → 127.0.0.1:80 ESTABLISHED → CLOSE_WAIT (webd pid 123)`; `new` / `gone` for null. */
export function changeLine(e: ChangeEvent, color: boolean): string {
  const from = e.from === null ? paint(color, 'dim', 'new') : paint(color, 'bold', e.from);
  const to = e.to === null ? paint(color, 'dim', 'gone') : paint(color, 'bold', e.to);
  return (
    terminalSafe(`${clockTime(e.t)} ${e.local} → ${e.remote} `) + `${from} → ${to}` + terminalSafe(owner(e))
  );
}

/** `{"t":"…Z","local","remote","from","to","process"?,"pid"?}`; t is ISO 8601 UTC with milliseconds. */
export function changeJson(e: ChangeEvent): string {
  let s = `{"t":"${new Date(e.t).toISOString()}","local":${jsonString(e.local)},"remote":${jsonString(e.remote)}`;
  s += `,"from":${e.from === null ? 'null' : `"${e.from}"`},"to":${e.to === null ? 'null' : `"${e.to}"`}`;
  if (e.process !== undefined) s += `,"process":${jsonString(e.process)}`;
  if (e.pid !== undefined) s += `,"pid":${e.pid}`;
  return s + '}';
}

/** Counts for the closing summary. */
export class ChangeTally {
  appeared = 0;
  gone = 0;
  moved = 0;

  add(e: ChangeEvent): void {
    if (e.from === null) this.appeared++;
    else if (e.to === null) this.gone++;
    else this.moved++;
  }

  get total(): number {
    return this.appeared + this.gone + this.moved;
  }
}
