// Pure (runs anywhere): every printed spelling of a TCP state, mapped to the product's canonical name.
import type { TcpState } from '../tcp/types';

/*
 * Choices that are not obvious:
 * - NEW_SYN_RECV (enum 0C, seen by bcc; /proc prints request sockets as 03) is a request socket of a listener:
 *   it is SYN-RECEIVED in RFC terms.
 * - BOUND_INACTIVE (/proc 0D, `ss -B`) and Windows BOUND are bound but neither listening nor
 *   connected: RFC 9293 has no such state, the nearest is CLOSED (no connection exists). So is Windows
 *   DELETE_TCB (PowerShell DeleteTCB): the TCB is being freed.
 * - ss UNCONN (state 7) and net-tools CLOSE both mean TCP_CLOSE → CLOSED.
 * - conntrack: FIN_WAIT (the first FIN seen) → FIN_WAIT_1, CLOSE → CLOSED, SYN_SENT2 (a SYN seen
 *   in both directions: simultaneous open) → SYN_SENT, SYN_RECV → SYN_RECEIVED, NONE → unknown.
 * - /proc hex states are exactly two hex digits ('06', '0A', '0a').
 * - Localized names come from net-tools' po files (de, cs, pt_BR, sv) and German Windows.
 *   German Windows LISTENING `ABHÖREN` printed in CP850 and read as Windows-1252 becomes `ABH™REN`.
 * Lookups ignore case, '-', '_' and spaces, so `fin-wait-1`, `FIN_WAIT1`, `time wait` all work.
 */
const SPELLINGS: ReadonlyArray<readonly [TcpState, readonly string[]]> = [
  [
    'ESTABLISHED',
    ['ESTAB', 'ESTABLISHED', 'VERBUNDEN', 'SPOJENO', 'ESTABELECIDA', 'ETABLERAD', 'HERGESTELLT'],
  ],
  ['SYN_SENT', ['SYN_SENT', 'SYN_SENT2', 'SYN_ENVIADO', 'SYN_GESENDET']],
  ['SYN_RECEIVED', ['SYN_RECV', 'SYN_RCVD', 'SYN_RECEIVED', 'NEW_SYN_RECV', 'SYN_RECEBIDO', 'SYN_EMPFANGEN']],
  ['FIN_WAIT_1', ['FIN_WAIT_1', 'FIN_WAIT', 'ESPERA_FIN1', 'FIN_WARTEN_1']],
  ['FIN_WAIT_2', ['FIN_WAIT_2', 'ESPERA_FIN2', 'FIN_WARTEN_2']],
  ['TIME_WAIT', ['TIME_WAIT', 'WARTEND']],
  [
    'CLOSED',
    [
      'CLOSED',
      'CLOSE',
      'UNCONN',
      'BOUND',
      'BOUND_INACTIVE',
      'DELETE_TCB',
      'ZAVŘEN',
      'FECHAR',
      'STÄNG',
      'STÄNGD',
      'GESCHLOSSEN',
    ],
  ],
  ['CLOSE_WAIT', ['CLOSE_WAIT', 'ESPERANDO_FECHAR', 'STÄNG_VÄNTA', 'SCHLIESSEN_WARTEN']],
  ['LAST_ACK', ['LAST_ACK', 'ÚLTIMO_ACK', 'POSLEDNÍ ACK', 'LETZTES_ACK']],
  [
    'LISTEN',
    [
      'LISTEN',
      'LISTENING',
      'NASLOUCHÁ',
      'OUÇA',
      'OUVINDO',
      'LYSSNAR',
      'HÖRT',
      'ABHÖREN',
      'ABH™REN',
      'ABH\u0099REN',
    ],
  ],
  ['CLOSING', ['CLOSING', 'ZAVÍRÁ', 'FECHANDO', 'STÄNGER', 'SCHLIESSEN']],
];

const HEX: readonly TcpState[] = [
  'CLOSED', // 00 is not a state; never returned (see below)
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECEIVED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'TIME_WAIT',
  'CLOSED',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
  'SYN_RECEIVED', // 0C NEW_SYN_RECV
  'CLOSED', // 0D BOUND_INACTIVE
];

function squash(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 45 || c === 95 || c === 32 || c === 9) continue; // - _ space tab
    out += raw[i];
  }
  return out.toUpperCase();
}

const exact = new Map<string, TcpState>();
const squashed = new Map<string, TcpState>();
for (const [state, names] of SPELLINGS) {
  for (const name of names) {
    squashed.set(squash(name), state);
    exact.set(name, state);
    exact.set(name.replace(/_/g, '-'), state);
  }
}
exact.set('FIN-WAIT-1', 'FIN_WAIT_1');
exact.set('FIN-WAIT-2', 'FIN_WAIT_2');
exact.set('FIN_WAIT1', 'FIN_WAIT_1');
exact.set('FIN_WAIT2', 'FIN_WAIT_2');

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Canonical state for any printed spelling, or undefined when the text is not a known state. */
export function normalizeStateName(raw: string): TcpState | undefined {
  const hit = exact.get(raw);
  if (hit !== undefined) return hit;
  if (raw.length === 2) {
    const hi = hexDigit(raw.charCodeAt(0));
    const lo = hexDigit(raw.charCodeAt(1));
    if (hi === 0 && lo >= 1 && lo < HEX.length) return HEX[lo];
    if (hi >= 0 && lo >= 0) return undefined;
  }
  if (raw.length === 0 || raw.length > 24) return undefined;
  return squashed.get(squash(raw));
}

/** State names that net-tools may glue to a timer (`ESTABLISHEDkeepalive`), longest first. */
export const GLUABLE_STATE_NAMES: readonly string[] = [
  'ESTABLISHED',
  'CLOSE_WAIT',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'SYN_SENT',
  'SYN_RECV',
  'LAST_ACK',
  'CLOSING',
  'LISTEN',
  'CLOSE',
];
