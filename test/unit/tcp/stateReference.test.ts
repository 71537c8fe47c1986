// Node (unit tier): the state reference cards are complete in both languages and carry the seed's corrections.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  STATE_REFERENCE,
  stateReference,
  type Knob,
  type StateReference,
} from '../../../core/tcp/stateReference';
import { KNOBS } from '../../../core/tcp/knobs';
import { TRANSITION_NOTES } from '../../../core/tcp/transitionNotes';
import { TCP_STATES, type Localized } from '../../../core/tcp/types';

const CJK = /[\u4e00-\u9fff]/;
const FIELDS = ['short', 'meaning', 'side', 'next', 'duration', 'many'] as const;

function texts(ref: StateReference): Localized[] {
  const out: Localized[] = FIELDS.map((f) => ref[f]);
  if (ref.notes) out.push(ref.notes);
  for (const k of ref.knobs) out.push(...knobTexts(k));
  return out;
}

function knobTexts(k: Knob): Localized[] {
  return k.caution ? [k.effect, k.caution] : [k.effect];
}

const ALL: Localized[] = [
  ...TCP_STATES.flatMap((s) => texts(STATE_REFERENCE[s])),
  ...Object.values(KNOBS).flatMap((k) => knobTexts(k)),
  ...Object.values(TRANSITION_NOTES),
];
const ALL_EN = [...ALL.map((t) => t.en), ...Object.values(KNOBS).map((k) => k.name)].join('\n');
const ALL_ZH = ALL.map((t) => t.zh).join('\n');

void test('every state has a complete card in English and Chinese', () => {
  assert.deepEqual(Object.keys(STATE_REFERENCE).sort(), [...TCP_STATES].sort());
  for (const s of TCP_STATES) {
    const ref = stateReference(s);
    assert.equal(ref.state, s);
    for (const f of FIELDS) {
      assert.ok(ref[f].en.trim().length > 0, `${s}.${f}.en`);
      assert.match(ref[f].zh, CJK, `${s}.${f}.zh`);
    }
    if (ref.notes) assert.match(ref.notes.zh, CJK, `${s}.notes.zh`);
    for (const k of ref.knobs) {
      assert.ok(k.name.length > 0);
      for (const t of knobTexts(k)) assert.match(t.zh, CJK, `${s} knob ${k.name}`);
    }
  }
});

void test('short lines fit inline ghost text (≤ 60 characters)', () => {
  for (const s of TCP_STATES) {
    const { short } = stateReference(s);
    assert.ok([...short.en].length <= 60, `${s}: ${short.en}`);
    assert.ok([...short.zh].length <= 60, `${s}: ${short.zh}`);
  }
});

void test('families and roles', () => {
  const fam = Object.fromEntries(TCP_STATES.map((s) => [s, stateReference(s).family]));
  assert.equal(fam.CLOSED, 'closed');
  assert.equal(fam.LISTEN, 'listening');
  assert.equal(fam.ESTABLISHED, 'established');
  assert.equal(fam.CLOSE_WAIT, 'waiting-app');
  assert.equal(fam.TIME_WAIT, 'closing-local');
  assert.equal(fam.LAST_ACK, 'closing-peer');
  assert.equal(stateReference('SYN_SENT').role, 'client');
  assert.equal(stateReference('LISTEN').role, 'server');
});

void test('tcp_tw_recycle: removed in 4.12, broke NAT, in both languages, and never recommended', () => {
  const k = KNOBS.twRecycle;
  const en = [k.default, k.effect.en, k.caution.en].join(' ');
  const zh = [k.effect.zh, k.caution.zh].join(' ');
  for (const text of [en, zh]) {
    assert.match(text, /4\.12/);
    assert.match(text, /NAT/);
  }
  // Wherever TIME_WAIT tuning is discussed, the removal is said.
  const tw = stateReference('TIME_WAIT');
  assert.ok(tw.knobs.includes(k));
  for (const text of [tw.many.en, tw.many.zh, tw.notes?.en ?? '', tw.notes?.zh ?? '']) {
    assert.match(text, /tcp_tw_recycle[^]*4\.12/);
  }
  for (const text of [ALL_EN, ALL_ZH]) assert.doesNotMatch(text, /tcp_tw_recycle\s*=\s*1/);
  assert.doesNotMatch(ALL_EN, /enable tcp_tw_recycle/i);
});

void test('tcp_fin_timeout is about orphaned FIN_WAIT_2 only, not TIME_WAIT', () => {
  const k = KNOBS.finTimeout;
  assert.match(k.caution.en, /orphaned/i);
  assert.match(k.caution.en, /not shorten TIME_WAIT/);
  assert.match(k.caution.zh, /孤儿/);
  assert.match(k.caution.zh, /不会缩短 TIME_WAIT/);
  assert.ok(stateReference('FIN_WAIT_2').knobs.includes(k));
});

void test('TIME_WAIT lasts a fixed 60 s on Linux, 240 s on Windows', () => {
  const { duration } = stateReference('TIME_WAIT');
  assert.match(duration.en, /60 s/);
  assert.match(duration.en, /TCP_TIMEWAIT_LEN/);
  assert.match(duration.en, /not tunable/);
  assert.match(duration.en, /240 s/);
  assert.match(duration.zh, /60 秒/);
  assert.match(duration.zh, /240 秒/);
});

void test('TIME_WAIT explains its two reasons and 2MSL', () => {
  const notes = stateReference('TIME_WAIT').notes;
  assert.ok(notes);
  assert.match(notes.en, /last ACK may be lost/);
  assert.match(notes.en, /retransmits its FIN/);
  assert.match(notes.en, /Old duplicates/);
  assert.match(notes.en, /2MSL/);
  assert.match(notes.zh, /最后一个 ACK 可能丢失/);
  assert.match(notes.zh, /迷路/);
  assert.match(notes.zh, /2MSL/);
});

void test('tcp_tw_reuse helps outgoing connections only and needs timestamps', () => {
  const k = KNOBS.twReuse;
  assert.match(k.effect.en, /OUTGOING/);
  assert.match(k.effect.zh, /出向/);
  assert.match(k.caution.en, /tcp_timestamps/);
});

void test('CLOSE_WAIT is an application bug no sysctl fixes', () => {
  const ref = stateReference('CLOSE_WAIT');
  assert.equal(ref.knobs.length, 0);
  assert.match(ref.many.en, /No sysctl fixes it/);
  assert.match(ref.many.zh, /任何 sysctl 都解决不了/);
  assert.match(ref.many.en, /close\(\)/);
});

void test('CLOSED is fictional: no Linux tool lists it, but BSD/macOS and Windows can print it', () => {
  const ref = stateReference('CLOSED');
  assert.match(ref.short.en, /Linux tools never list it/);
  assert.match(ref.short.zh, /Linux/);
  assert.match(ref.meaning.en, /never show/);
  assert.match(ref.meaning.en, /macOS\/BSD netstat -a does print CLOSED/);
  assert.match(ref.meaning.en, /Windows/);
  assert.match(ref.meaning.zh, /不会显示/);
  assert.match(ref.meaning.zh, /macOS\/BSD/);
});

void test("the seed's depth is there: numbers and knobs an SRE expects", () => {
  for (const needle of [
    'SO_REUSEADDR',
    'half-close',
    'SYN flood',
    'syncookies',
    'somaxconn',
    'accept queue',
    '7200',
    '75 s',
    '9 unanswered probes',
    '131 s',
    'tcp_synack_retries',
    'tcp_max_syn_backlog',
    'TIME_WAIT assassination',
    '470',
    '28,000',
    'HTTP/1.1',
  ]) {
    assert.ok(ALL_EN.includes(needle), needle);
  }
  for (const name of [
    'net.ipv4.tcp_max_tw_buckets',
    'net.ipv4.ip_local_port_range',
    'net.ipv4.tcp_syn_retries',
  ]) {
    assert.ok(
      Object.values(KNOBS).some((k) => k.name === name),
      name,
    );
  }
  for (const needle of [
    '主动关闭',
    '被动关闭',
    '半关闭',
    '四次挥手',
    '三次握手',
    '全连接队列',
    '半连接队列',
    'SYN 洪泛',
    '470',
  ]) {
    assert.ok(ALL_ZH.includes(needle), needle);
  }
});

void test('knob defaults where the reference fixes them', () => {
  assert.equal(KNOBS.synRetries.default, '6');
  assert.equal(KNOBS.finTimeout.default, '60 s');
  assert.equal(KNOBS.keepaliveTime.default, '7200 s');
  assert.equal(KNOBS.keepaliveIntvl.default, '75 s');
  assert.equal(KNOBS.keepaliveProbes.default, '9');
  assert.match(KNOBS.localPortRange.default, /^32768 60999/);
  assert.match(
    KNOBS.windowsTimedWait.default,
    /^120 s since Windows Server 2003 \(range 30–300; 240 s on Windows 2000\)/,
  );
});
