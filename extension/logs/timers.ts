// Pure (runs anywhere): socket timer columns of ss (`timer:(on,3.832ms,2)`) and net-tools (`on (0.20/3/0)`).
import type { TimerInfo } from './types';
import { decimal, decimalAt } from './tokens';

/**
 * Seconds of an ss expire value. Before iproute2 6.11 ss printed seconds with a millisecond
 * fraction as `S.MMMms` (`9.373ms` = 9.373 s), and pure milliseconds zero-padded (`050ms`);
 * `59sec`, `1min28sec`, `89min` carry no fraction. Rule: a value with a fractional part that ends
 * in `ms` is old-style seconds; an integer `ms` value is milliseconds (new and old style alike);
 * `sec`/`s`/`min`/`h` are what they say. Empty (timer at 0) → 0. Unparseable → undefined.
 */
export function parseSsDuration(text: string): number | undefined {
  if (text === '') return 0;
  let total = 0;
  let i = 0;
  let any = false;
  while (i < text.length) {
    const s = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if ((c >= 48 && c <= 57) || c === 46) i++;
      else break;
    }
    if (i === s) return undefined;
    const num = text.slice(s, i);
    const value = Number(num);
    if (!Number.isFinite(value)) return undefined;
    const u = i;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c >= 97 && c <= 122) i++;
      else break;
    }
    const unit = text.slice(u, i);
    if (unit === 'ms') total += num.indexOf('.') >= 0 ? value : value / 1000;
    else if (unit === 'sec' || unit === 's' || unit === '') total += value;
    else if (unit === 'min' || unit === 'm') total += value * 60;
    else if (unit === 'h' || unit === 'hr') total += value * 3600;
    else if (unit === 'd') total += value * 86400;
    else return undefined;
    any = true;
  }
  return any ? Math.round(total * 1000) / 1000 : undefined;
}

/** `on,3.832ms,2`: the text[start, end) inside `timer:( … )`. Scanned in place (hot path of `ss -o`). */
export function parseSsTimer(text: string, start: number, end: number): TimerInfo {
  let c1 = text.indexOf(',', start);
  if (c1 < 0 || c1 > end) c1 = end;
  let c2 = c1 < end ? text.indexOf(',', c1 + 1) : end;
  if (c2 < 0 || c2 > end) c2 = end;
  const kind = text.slice(start, c1).toLowerCase();
  const seconds = c1 < end ? parseSsDuration(text.slice(c1 + 1, c2)) : undefined;
  const retrans = c2 < end ? decimalAt(text, c2 + 1, end) : -1;
  const raw = text.charCodeAt(end) === 41 ? text.slice(start - 7, end + 1) : `${text.slice(start - 7, end)})`;
  if (seconds !== undefined && retrans >= 0) return { kind, seconds, retrans, raw };
  const t: { kind: string; raw: string; seconds?: number; retrans?: number } = { kind, raw };
  if (seconds !== undefined) t.seconds = seconds;
  if (retrans >= 0) t.retrans = retrans;
  return t;
}

/** net-tools `kind (secs/retrans/probes)`, kind possibly localized (`aus`, `ein`) or `unkn-N`. */
export function parseNetstatTimer(kindText: string, paren: string): TimerInfo | undefined {
  if (paren.length < 3 || paren.charCodeAt(0) !== 40 || paren.charCodeAt(paren.length - 1) !== 41) return undefined;
  const parts = paren.slice(1, -1).split('/');
  const seconds = Number(parts[0]);
  const t: { kind: string; raw: string; seconds?: number; retrans?: number; probes?: number } = {
    kind: kindText.toLowerCase(),
    raw: `${kindText} ${paren}`,
  };
  if (parts[0] !== '' && Number.isFinite(seconds)) t.seconds = seconds;
  const r = parts.length > 1 ? decimal(parts[1]) : -1;
  if (r >= 0) t.retrans = r;
  const p = parts.length > 2 ? decimal(parts[2]) : -1;
  if (p >= 0) t.probes = p;
  return t;
}
