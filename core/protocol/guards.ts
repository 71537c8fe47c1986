// Pure (host and webview): the small checks both directions of the webview protocol are built from, and the
// bounds they enforce. A message crosses a process boundary as untrusted data: a guard either returns a fresh,
// well-typed value (bounded, clamped) or undefined, and never throws.
import { isTcpState, type TcpState } from '../tcp/types';

/** Bounds of every field that crosses the boundary; one table, so both validators agree. */
export const LIMITS = {
  /** Transition ids are short (`t13`, `rst-SYN_RECEIVED`, `timeout-FIN_WAIT_2`): longer is not an id. */
  transitionId: 64,
  /** A state as printed by a tool (`ESTAB`, `VERBUNDEN`, `ABH™REN`). */
  rawState: 64,
  /** An endpoint (`[fe80::1%eth0]:443`, `*:*`); a longer one is clamped, not a reason to drop the selection. */
  endpoint: 300,
  /** A caption or any other sentence of text. */
  text: 2000,
  /** A document name in "Counts from …". */
  source: 500,
  /** One localized chrome string. */
  uiString: 500,
  /** An error message of a failed render. */
  error: 500,
  /** Steps of one path (the longest real path has 6). */
  steps: 64,
  /** States seen for one connection in a file, in order (a reused 4-tuple can cycle). */
  observedStates: 256,
  /** Alternative pasts of one selection (TIME_WAIT has 2). */
  alternatives: 16,
  /** Edge ids in one report. */
  edges: 256,
  /** Snapshots in one counts-over-time chart (the host downsamples longer series). */
  timelinePoints: 2000,
  /** A snapshot's time label. */
  timelineLabel: 100,
} as const;

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string no longer than `max`; a longer one is rejected (for identifiers). */
export function boundedString(v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.length <= max ? v : undefined;
}

/** Any string, cut to `max` characters (for text shown to the user, where the head is still worth showing). */
export function clampedString(v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return undefined;
  return v.length <= max ? v : `${v.slice(0, max - 1)}…`;
}

export function finiteNumber(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function boolean(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

export function tcpState(v: unknown): TcpState | undefined {
  return isTcpState(v) ? v : undefined;
}

/** One of a fixed set of string tags. */
export function oneOf<T extends string>(v: unknown, tags: readonly T[]): T | undefined {
  return typeof v === 'string' && (tags as readonly string[]).includes(v) ? (v as T) : undefined;
}

/**
 * The items of an array that pass `item`, at most `max` of them. Lenient: a bad or over-long item is dropped and the
 * rest kept, so one odd field never costs the whole message.
 */
export function listOf<T>(v: unknown, max: number, item: (x: unknown) => T | undefined): T[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out: T[] = [];
  for (const x of v) {
    if (out.length >= max) break;
    const ok = item(x);
    if (ok !== undefined) out.push(ok);
  }
  return out;
}

/** `v` when it is `null`, else what `guard` makes of it. */
export function nullable<T>(v: unknown, guard: (x: unknown) => T | undefined): T | null | undefined {
  return v === null ? null : guard(v);
}
