// Node (unit tier): the transition table against RFC 9293 §3.3.2 as the reference lists it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LINUX_EXTRA_STATES } from '../../../core/tcp/linuxStates';
import {
  RFC_TRANSITIONS,
  RST_TRANSITIONS,
  TRANSITIONS,
  findTransition,
  transitionById,
  transitionsFrom,
  transitionsTo,
} from '../../../core/tcp/transitions';
import { TRANSITION_NOTES, transitionNote } from '../../../core/tcp/transitionNotes';
import { JOURNEYS } from '../../../core/tcp/journeys';
import { TCP_STATES, type TcpState } from '../../../core/tcp/types';

const CJK = /[\u4e00-\u9fff]/;

// The reference table: # | from | to | event / action (RFC spellings turned into the product's).
const TABLE: readonly [number, TcpState, TcpState, string][] = [
  [1, 'CLOSED', 'LISTEN', 'passive OPEN / create TCB'],
  [2, 'CLOSED', 'SYN_SENT', 'active OPEN / create TCB, snd SYN'],
  [3, 'LISTEN', 'CLOSED', 'CLOSE / delete TCB'],
  [4, 'LISTEN', 'SYN_RECEIVED', 'rcv SYN / snd SYN,ACK'],
  [5, 'LISTEN', 'SYN_SENT', 'SEND / snd SYN'],
  [6, 'SYN_SENT', 'CLOSED', 'CLOSE / delete TCB'],
  [7, 'SYN_SENT', 'SYN_RECEIVED', 'rcv SYN / snd SYN,ACK'],
  [8, 'SYN_SENT', 'ESTABLISHED', 'rcv SYN,ACK / snd ACK'],
  [9, 'SYN_RECEIVED', 'LISTEN', 'rcv RST'],
  [10, 'SYN_RECEIVED', 'ESTABLISHED', 'rcv ACK of SYN / x'],
  [11, 'SYN_RECEIVED', 'FIN_WAIT_1', 'CLOSE / snd FIN'],
  [12, 'ESTABLISHED', 'FIN_WAIT_1', 'CLOSE / snd FIN'],
  [13, 'ESTABLISHED', 'CLOSE_WAIT', 'rcv FIN / snd ACK'],
  [14, 'FIN_WAIT_1', 'FIN_WAIT_2', 'rcv ACK of FIN / x'],
  [15, 'FIN_WAIT_1', 'CLOSING', 'rcv FIN / snd ACK'],
  [16, 'FIN_WAIT_1', 'TIME_WAIT', 'rcv FIN+ACK of our FIN / snd ACK'],
  [17, 'FIN_WAIT_2', 'TIME_WAIT', 'rcv FIN / snd ACK'],
  [18, 'CLOSE_WAIT', 'LAST_ACK', 'CLOSE / snd FIN'],
  [19, 'CLOSING', 'TIME_WAIT', 'rcv ACK of FIN / x'],
  [20, 'LAST_ACK', 'CLOSED', 'rcv ACK of FIN / x'],
  [21, 'TIME_WAIT', 'CLOSED', 'timeout = 2 MSL / delete TCB'],
];

void test('the 21 RFC transitions match the reference table row by row', () => {
  assert.equal(RFC_TRANSITIONS.length, 21);
  for (const [n, from, to, label] of TABLE) {
    const t = RFC_TRANSITIONS[n - 1];
    assert.ok(t, `row ${n}`);
    assert.deepEqual([t.id, t.rfcNumber, t.from, t.to, t.label], [`t${n}`, n, from, to, label], `row ${n}`);
  }
});

void test('only t16 is missing from Figure 5; every RST and timeout edge is off the figure and unnumbered', () => {
  assert.deepEqual(
    RFC_TRANSITIONS.filter((t) => !t.figure5).map((t) => t.id),
    ['t16'],
  );
  for (const t of TRANSITIONS.filter((x) => x.rfcNumber === undefined)) {
    assert.equal(t.figure5, false, t.id);
    assert.equal(t.to, 'CLOSED', t.id);
    assert.ok(t.kind === 'reset' || t.kind === 'timeout', t.id);
  }
});

void test('RST aborts: every synchronized state (and SYN_SENT, SYN_RECEIVED) has one to CLOSED', () => {
  const expected: TcpState[] = [
    'SYN_SENT',
    'SYN_RECEIVED',
    'ESTABLISHED',
    'FIN_WAIT_1',
    'FIN_WAIT_2',
    'CLOSE_WAIT',
    'CLOSING',
    'LAST_ACK',
    'TIME_WAIT',
  ];
  assert.deepEqual(
    RST_TRANSITIONS.map((t) => t.from),
    expected,
  );
  for (const t of RST_TRANSITIONS) {
    assert.equal(t.id, `rst-${t.from}`);
    assert.equal(t.kind, 'reset');
    assert.equal(t.to, 'CLOSED');
  }
  assert.ok(!RST_TRANSITIONS.some((t) => t.from === 'LISTEN' || t.from === 'CLOSED'));
});

void test('ids are unique and every field is filled in both languages', () => {
  const ids = TRANSITIONS.map((t) => t.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const t of TRANSITIONS) {
    for (const text of [t.event, t.action]) {
      assert.ok(text.en.trim().length > 0, `${t.id} en`);
      assert.match(text.zh, CJK, `${t.id} zh`);
    }
    assert.ok(t.label.length > 0 && t.label.length <= 40, `${t.id} label is short`);
  }
});

void test('every transition has a reference-card note in both languages', () => {
  for (const t of TRANSITIONS) {
    const note = transitionNote(t.id);
    assert.ok(note, t.id);
    assert.ok(note.en.length > 20, t.id);
    assert.match(note.zh, CJK, t.id);
  }
  assert.deepEqual(Object.keys(TRANSITION_NOTES).sort(), TRANSITIONS.map((t) => t.id).sort());
});

void test('every state is reachable from CLOSED and leads back to CLOSED', () => {
  const reach = (start: TcpState, next: (s: TcpState) => TcpState[]): Set<TcpState> => {
    const seen = new Set<TcpState>([start]);
    const queue = [start];
    while (queue.length) {
      for (const n of next(queue.shift() as TcpState)) {
        if (seen.has(n)) continue;
        seen.add(n);
        queue.push(n);
      }
    }
    return seen;
  };
  const rfcOnly = (s: TcpState): TcpState[] =>
    transitionsFrom(s)
      .filter((t) => t.rfcNumber)
      .map((t) => t.to);
  const back = (s: TcpState): TcpState[] =>
    transitionsTo(s)
      .filter((t) => t.rfcNumber)
      .map((t) => t.from);
  assert.deepEqual([...reach('CLOSED', rfcOnly)].sort(), [...TCP_STATES].sort());
  assert.deepEqual([...reach('CLOSED', back)].sort(), [...TCP_STATES].sort());
});

void test('helpers: transitionsFrom/To partition the table; findTransition prefers the RFC row', () => {
  const total = TCP_STATES.reduce((n, s) => n + transitionsFrom(s).length, 0);
  assert.equal(total, TRANSITIONS.length);
  assert.equal(
    TCP_STATES.reduce((n, s) => n + transitionsTo(s).length, 0),
    TRANSITIONS.length,
  );
  assert.equal(findTransition('FIN_WAIT_1', 'TIME_WAIT')?.id, 't16');
  assert.equal(findTransition('SYN_SENT', 'CLOSED')?.id, 't6');
  assert.equal(findTransition('ESTABLISHED', 'CLOSED')?.id, 'rst-ESTABLISHED');
  assert.equal(findTransition('LISTEN', 'ESTABLISHED'), undefined);
  assert.equal(transitionById('t13')?.to, 'CLOSE_WAIT');
  assert.equal(transitionById('nope'), undefined);
});

void test('Linux extras map NEW_SYN_RECV to SYN_RECEIVED and BOUND_INACTIVE to CLOSED, with reasons', () => {
  const map = Object.fromEntries(LINUX_EXTRA_STATES.map((x) => [x.name, x.mapsTo]));
  assert.deepEqual(map, { NEW_SYN_RECV: 'SYN_RECEIVED', BOUND_INACTIVE: 'CLOSED' });
  for (const x of LINUX_EXTRA_STATES) assert.match(x.why.zh, CJK);
});

void test('journeys are walks along existing transitions', () => {
  const ids = new Set(JOURNEYS.map((j) => j.id));
  for (const want of [
    'client-active-open-active-close',
    'server-passive-open-passive-close',
    'simultaneous-open',
    'simultaneous-close',
    'time-wait-direct',
  ]) {
    assert.ok(ids.has(want), want);
  }
  for (const j of JOURNEYS) {
    assert.equal(j.transitionIds.length, j.states.length - 1, j.id);
    j.transitionIds.forEach((id, i) => {
      const t = transitionById(id);
      assert.ok(t, `${j.id}: ${id}`);
      assert.deepEqual([t.from, t.to], [j.states[i], j.states[i + 1]], `${j.id}: ${id}`);
    });
    assert.match(j.name.zh, CJK);
  }
});
