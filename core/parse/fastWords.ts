// Pure (runs anywhere): the state words the fast row scanners (fastRows.ts) recognise byte by byte.
import { TCP_STATES, type TcpState } from '../tcp/types';
import { SS_STATE_WORDS } from './ssParser';
import { normalizeStateName } from './stateNames';

export interface Word {
  readonly word: string;
  readonly state: TcpState;
  /** `state`'s index in TCP_STATES (the summary's counters are indexed so). */
  readonly stateIndex: number;
}

function wordTable(words: readonly string[]): (Word[] | undefined)[] {
  const byLength: (Word[] | undefined)[] = [];
  for (const word of words) {
    const state = normalizeStateName(word);
    if (state === undefined) continue;
    (byLength[word.length] ??= []).push({ word, state, stateIndex: TCP_STATES.indexOf(state) });
  }
  return byLength;
}

/** ss's state words (as isSsStateToken accepts them). */
export const SS_WORDS = wordTable(SS_STATE_WORDS);
/** net-tools' English state words (tcp_state[] in netstat.c); anything else takes the general path. */
export const NETSTAT_WORDS = wordTable([
  'ESTABLISHED',
  'SYN_SENT',
  'SYN_RECV',
  'FIN_WAIT1',
  'FIN_WAIT2',
  'TIME_WAIT',
  'CLOSE',
  'CLOSE_WAIT',
  'LAST_ACK',
  'LISTEN',
  'CLOSING',
]);

/** The word of `table` that the bytes [s, e) spell, compared byte by byte (no string made). */
export function wordAt(table: (Word[] | undefined)[], b: Uint8Array, s: number, e: number): Word | undefined {
  const list = table[e - s];
  if (list === undefined) return undefined;
  next: for (let k = 0; k < list.length; k++) {
    const w = list[k].word;
    for (let i = 0; i < w.length; i++) if (b[s + i] !== w.charCodeAt(i)) continue next;
    return list[k];
  }
  return undefined;
}
