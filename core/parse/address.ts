// Pure (runs anywhere): host/port splitting and normalisation shared by every dialect.
import type { Endpoint } from './types';

/** A host after normalisation, before a port is attached. */
export interface NormalizedHost {
  readonly host: string;
  readonly scope?: string;
  readonly v4mapped?: boolean;
}

const WILDCARD: NormalizedHost = { host: '*' };
/** What normalizeHost returns for every wildcard without a scope (also for the empty host). */
export const WILDCARD_HOST = WILDCARD;
// Log files repeat the same few hosts millions of times; IPv6 compression is worth caching.
const cache = new Map<string, NormalizedHost>();
const CACHE_LIMIT = 4096;

function isIPv4(s: string): boolean {
  let dots = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0) return false;
      dots++;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 3) return false;
    } else return false;
  }
  return dots === 3 && digits > 0;
}

/** Parses an IPv6 text into 8 groups, or undefined when it is not valid (e.g. truncated by a tool). */
function ipv6Groups(s: string): number[] | undefined {
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (lastColon >= 0 && text.indexOf('.', lastColon) > 0) {
    // Embedded IPv4 (`::ffff:10.0.0.1`): rewrite it as two hex groups.
    const v4 = text.slice(lastColon + 1);
    if (!isIPv4(v4)) return undefined;
    const p = v4.split('.').map(Number);
    if (p.some((n) => n > 255)) return undefined;
    text = `${text.slice(0, lastColon + 1)}${((p[0] << 8) | p[1]).toString(16)}:${((p[2] << 8) | p[3]).toString(16)}`;
  }
  const dbl = text.indexOf('::');
  if (dbl >= 0 && text.indexOf('::', dbl + 1) >= 0) return undefined;
  const parseSide = (side: string): number[] | undefined => {
    if (side === '') return [];
    const out: number[] = [];
    for (const g of side.split(':')) {
      if (g.length === 0 || g.length > 4 || !/^[0-9a-fA-F]+$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  let groups: number[];
  if (dbl >= 0) {
    const left = parseSide(text.slice(0, dbl));
    const right = parseSide(text.slice(dbl + 2));
    if (!left || !right) return undefined;
    const fill = 8 - left.length - right.length;
    if (fill < 1) return undefined;
    groups = [...left, ...new Array<number>(fill).fill(0), ...right];
  } else {
    const all = parseSide(text);
    if (!all) return undefined;
    groups = all;
  }
  return groups.length === 8 ? groups : undefined;
}

/** RFC 5952 text of 8 groups: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as '::'. */
export function compressIPv6(groups: readonly number[]): string {
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestLen < 2) return hex.join(':');
  return hex.slice(0, bestStart).join(':') + '::' + hex.slice(bestStart + bestLen).join(':');
}

function normalizeUncached(raw: string): NormalizedHost {
  let text = raw;
  if (text.length >= 2 && text.charCodeAt(0) === 91 && text.charCodeAt(text.length - 1) === 93)
    text = text.slice(1, -1);
  let scope: string | undefined;
  const pct = text.indexOf('%');
  if (pct >= 0) {
    scope = text.slice(pct + 1);
    text = text.slice(0, pct);
  }
  if (text === '' || text === '*' || text === '0.0.0.0' || text === '::' || text === '0:0:0:0:0:0:0:0') {
    return scope ? { host: '*', scope } : WILDCARD;
  }
  if (text.indexOf(':') < 0) return scope ? { host: text, scope } : { host: text };
  const groups = ipv6Groups(text);
  if (!groups) return scope ? { host: text.toLowerCase(), scope } : { host: text.toLowerCase() };
  if (groups.every((g) => g === 0)) return scope ? { host: '*', scope } : WILDCARD;
  if (
    groups[0] === 0 &&
    groups[1] === 0 &&
    groups[2] === 0 &&
    groups[3] === 0 &&
    groups[4] === 0 &&
    groups[5] === 0xffff
  ) {
    const v4 = `${groups[6] >> 8}.${groups[6] & 255}.${groups[7] >> 8}.${groups[7] & 255}`;
    return scope ? { host: v4, scope, v4mapped: true } : { host: v4, v4mapped: true };
  }
  const host = compressIPv6(groups);
  return scope ? { host, scope } : { host };
}

/**
 * Normalises a printed host: brackets and `%scope` split off, wildcards (`*`, `0.0.0.0`, `::`) → '*',
 * IPv6 lowercase compressed (RFC 5952), IPv4-mapped IPv6 → the IPv4 text with `v4mapped`.
 * Text that is not a valid address (a name, a truncated column) is kept, lowercased if it has ':'.
 */
export function normalizeHost(raw: string): NormalizedHost {
  if (isIPv4(raw)) return raw === '0.0.0.0' ? WILDCARD : { host: raw };
  const hit = cache.get(raw);
  if (hit) return hit;
  const out = normalizeUncached(raw);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(raw, out);
  return out;
}

/** Builds an Endpoint from a printed host and port. */
export function makeEndpoint(rawHost: string, rawPort: string): Endpoint | undefined {
  return endpointOf(normalizeHost(rawHost), rawPort);
}

/**
 * A port as the tools print it: `*`, or 0–65535 in at most five digits. Anything else — empty (`127.0.0.1:`, a
 * cut-off column), 70000, -1, 400 digits — makes the endpoint, and so the row, unrecognised rather than wrong.
 */
export function isValidPort(raw: string): boolean {
  if (raw === '*') return true;
  const n = raw.length;
  if (n === 0 || n > 5) return false;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = raw.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    v = v * 10 + d;
  }
  return v <= 65535;
}

/**
 * The longest host (with its `%scope`) a row may carry: 255, a DNS name's limit (`ss -r`, `netstat` without -n);
 * a numeric IPv6 address with a scope is under 64. A longer one is not an address, and leaves the row unrecognised.
 */
export const MAX_HOST_LENGTH = 255;

/** The Endpoint of an already normalised host and a printed port (makeEndpoint without the host step). */
export function endpointOf(h: NormalizedHost, rawPort: string): Endpoint | undefined {
  if (!isValidPort(rawPort)) return undefined;
  if (h.host.length + (h.scope === undefined ? 0 : h.scope.length + 1) > MAX_HOST_LENGTH) return undefined;
  // A wildcard host with port 0 (Windows `0.0.0.0:0`, bcc `0.0.0.0 0`) is the unbound wildcard.
  const port = rawPort === '0' && h.host === '*' ? '*' : rawPort;
  if (h.scope === undefined && h.v4mapped === undefined) return { host: h.host, port };
  const ep: { host: string; port: string; scope?: string; v4mapped?: boolean } = { host: h.host, port };
  if (h.scope !== undefined) ep.scope = h.scope;
  if (h.v4mapped) ep.v4mapped = true;
  return ep;
}

/** `host:port` with the port after the LAST colon (`[::1]:443`, `::1:443`, `0.0.0.0%lo:53`, `*:*`). */
export function parseColonEndpoint(text: string): Endpoint | undefined {
  if (text.length === 0) return undefined;
  if (text.charCodeAt(0) === 91) {
    const close = text.indexOf(']');
    if (close < 0) return undefined;
    let scoped = close + 1;
    // ss may print an interface after the bracket: `[::]%lo:53`
    if (text.charCodeAt(scoped) === 37) scoped = text.indexOf(':', scoped);
    if (scoped < 0 || text.charCodeAt(scoped) !== 58) return undefined;
    const host = text.slice(0, close + 1);
    const extra = close + 1 < scoped ? text.slice(close + 1, scoped) : '';
    return makeEndpoint(extra ? host.slice(0, -1) + extra + ']' : host, text.slice(scoped + 1));
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) return undefined;
  return makeEndpoint(text.slice(0, colon), text.slice(colon + 1));
}

/** BSD `host.port` with the port after the LAST dot (`10.0.0.1.22`, `*.*`, `fe80::1%lo0.5353`). */
export function parseDotEndpoint(text: string): Endpoint | undefined {
  const dot = text.lastIndexOf('.');
  if (dot <= 0) return undefined;
  return makeEndpoint(text.slice(0, dot), text.slice(dot + 1));
}

/** "HOST:PORT"; IPv6 in brackets with the scope inside (`[fe80::1%eth0]:22`); the IPv4 text for v4-mapped hosts. */
export function formatEndpoint(ep: Endpoint): string {
  const port = ep.port === '' ? '*' : ep.port;
  const scope = ep.scope ? `%${ep.scope}` : '';
  if (ep.host.indexOf(':') >= 0) return `[${ep.host}${scope}]:${port}`;
  return `${ep.host}${scope}:${port}`;
}
