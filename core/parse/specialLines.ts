// Pure (runs anywhere): recognises the non-connection lines that matter — snapshot timestamps,
// table headers and kernel log events — with anchored, bounded checks (no backtracking).
import type { KernelEvent } from './types';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const CLOCK = /\d{1,2}:\d{2}:\d{2}/;
const ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2}| ?[A-Z]{2,5})?$/;
const EPOCH = /^\d{9,10}(\.\d{1,9})?$/;
const CLOCK_ONLY = /^\d{2}:\d{2}:\d{2}(\.\d+)?$/;

/**
 * The time text when the (trimmed) line is a snapshot timestamp: `date` output
 * (`Mon Nov 23 20:06:34 UTC 2026`, also `Mon 23 Nov 2026 08:06:34 PM UTC`), ISO 8601
 * (`2026-11-23T20:06:34Z`, `2026-11-23 20:06:34`), epoch seconds (`1732392394.123`, also after
 * `timestamp:`), a bare clock (`20:06:34`), or a banner such as `=== 20:06:34 ===`.
 */
export function matchTimestamp(t: string): string | undefined {
  if (t.length < 8 || t.length > 64) return undefined;
  const c = t.charCodeAt(0);
  if (c === 61) {
    // '='
    let s = 0;
    while (s < t.length && t.charCodeAt(s) === 61) s++;
    let e = t.length;
    while (e > s && t.charCodeAt(e - 1) === 61) e--;
    if (s < 2 || t.length - e < 2) return undefined;
    const inner = t.slice(s, e).trim();
    return inner.length > 0 ? inner : undefined;
  }
  if (c >= 48 && c <= 57) {
    if (ISO.test(t) || EPOCH.test(t) || CLOCK_ONLY.test(t)) return t;
    return undefined;
  }
  if (t.startsWith('timestamp:')) {
    const v = t.slice(10).trim();
    return EPOCH.test(v) ? v : undefined;
  }
  if (t.length <= 40 && (t.charCodeAt(3) === 32 || t.charCodeAt(3) === 44)) {
    const day = t.slice(0, 3);
    if (WEEKDAYS.includes(day) && CLOCK.test(t) && /^[A-Za-z]{3},? [A-Za-z0-9 :.,+-]+$/.test(t)) return t;
  }
  return undefined;
}

/** Kinds of table header lines; each resets the dialect's column context. */
export type HeaderKind = 'ss' | 'netstat' | 'bsd' | 'windows' | 'proc' | 'lsof' | 'tcpstates' | 'banner';

/** Header (or banner) line kind, judged from the trimmed line's first words. */
export function matchHeader(t: string): HeaderKind | undefined {
  const c = t.charCodeAt(0);
  switch (c) {
    case 83: // S
      if (t.startsWith('State') && t.indexOf('Recv-Q') > 0) return 'ss';
      if (t.startsWith('SKADDR')) return 'tcpstates';
      // netstat -A (macOS: `Socket           Flowhash Proto …`)
      if (t.startsWith('Socket') && t.indexOf(' Proto ') > 0) return 'bsd';
      return undefined;
    case 78: // N
      return t.startsWith('Netid') && t.indexOf('State') > 0 ? 'ss' : undefined;
    case 80: // P
      if (!t.startsWith('Proto')) return undefined;
      if (t.indexOf('(state)') > 0) return 'bsd';
      if (t.indexOf('Recv-Q') > 0 || t.indexOf('Přích-F') > 0) return 'netstat';
      return 'windows';
    case 65: // A
      if (
        t.startsWith('Active Internet connections') ||
        t.startsWith('Aktive Internetverbindungen') ||
        t.startsWith('Aktiva internetanslutningar') ||
        t.startsWith('Aktivní Internetová spojení')
      )
        return 'banner';
      if (t.startsWith('Active Connections') || t.startsWith('Aktive Verbindungen')) return 'banner';
      return undefined;
    case 67: // C
      if (t.startsWith('COMMAND') && t.indexOf('PID') > 0 && t.indexOf('NAME') > 0) return 'lsof';
      if (t.startsWith('Conexões Internet Ativas') || t.startsWith('Connexions actives')) return 'banner';
      return undefined;
    case 115: // s
      return t.startsWith('sl') && t.indexOf('local_address') > 0 ? 'proc' : undefined;
    case 84: // T
      if (t.startsWith('Tcpcb') && t.indexOf(' Proto ') > 0) return 'bsd'; // FreeBSD netstat -A
      return t.startsWith('TIME') && t.indexOf('SKADDR') > 0 ? 'tcpstates' : undefined;
    case 76: // L: Get-NetTCPConnection's table
      return t.startsWith('LocalAddress') && t.indexOf('RemotePort') > 0 ? 'windows' : undefined;
    default:
      return undefined;
  }
}

/** Kernel log lines about SYN floods and a full conntrack table (anywhere in the line, e.g. after a syslog prefix). */
export function matchKernelEvent(text: string, line: number): KernelEvent | undefined {
  const flood = text.indexOf('Possible SYN flooding on port ');
  if (flood >= 0) {
    const from = flood + 30;
    let end = from;
    while (end < text.length && text.charCodeAt(end) !== 32) end++;
    let where = text.slice(from, end);
    if (where.endsWith('.')) where = where.slice(0, -1);
    const colon = where.lastIndexOf(':');
    const port = colon >= 0 ? where.slice(colon + 1) : where;
    return { line, kind: 'syn-flood', text: text.trim(), ...(port ? { port } : {}) };
  }
  if (text.indexOf('nf_conntrack: table full, dropping packet') >= 0)
    return { line, kind: 'conntrack-full', text: text.trim() };
  return undefined;
}
