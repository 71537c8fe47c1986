// Pure (runs anywhere): socket timer columns of ss (`timer:(on,3.832ms,2)`) and net-tools (`on (0.20/3/0)`).
import type { TimerInfo } from './types';
import { decimal, decimalAt, lowerKind, numberOf } from './tokens';

/**
 * Seconds of an ss expire value. Before iproute2 6.11 ss printed seconds with a millisecond
 * fraction as `S.MMMms` (`9.373ms` = 9.373 s), and pure milliseconds zero-padded (`050ms`);
 * `59sec`, `1min28sec`, `89min` carry no fraction. Rule: a value with a fractional part that ends
 * in `ms` is old-style seconds; an integer `ms` value is milliseconds (new and old style alike);
 * `sec`/`s`/`min`/`h` are what they say. Empty (timer at 0) → 0. Unparseable → undefined.
 */
export function parseSsDuration(text: string): number | undefined {
  return parseSsDurationAt(text, 0, text.length);
}

/** parseSsDuration(text.slice(start, end)), read in place. */
export function parseSsDurationAt(text: string, start: number, end: number): number | undefined {
  if (end <= start) return 0;
  let total = 0;
  let i = start;
  let any = false;
  while (i < end) {
    const s = i;
    let dot = false;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) i++;
      else if (c === 46) {
        dot = true;
        i++;
      } else break;
    }
    if (i === s) return undefined;
    const value = numberOf(text, s, i);
    if (!Number.isFinite(value)) return undefined;
    const u = i;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c >= 97 && c <= 122) i++;
      else break;
    }
    const len = i - u;
    const c0 = len > 0 ? text.charCodeAt(u) : 0;
    if (len === 2 && c0 === 109 && text.charCodeAt(u + 1) === 115)
      total += dot ? value : value / 1000; // ms
    else if (len === 0 || (len === 1 && c0 === 115) || (len === 3 && text.startsWith('sec', u)))
      total += value;
    else if ((len === 1 && c0 === 109) || (len === 3 && text.startsWith('min', u))) total += value * 60;
    else if ((len === 1 && c0 === 104) || (len === 2 && c0 === 104 && text.charCodeAt(u + 1) === 114))
      total += value * 3600; // h, hr
    else if (len === 1 && c0 === 100)
      total += value * 86400; // d
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
  const kind = lowerKind(text, start, c1);
  const seconds = c1 < end ? parseSsDurationAt(text, c1 + 1, c2) : undefined;
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
  if (paren.length < 3 || paren.charCodeAt(0) !== 40 || paren.charCodeAt(paren.length - 1) !== 41)
    return undefined;
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
