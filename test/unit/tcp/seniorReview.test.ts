// Node (unit tier): the facts a senior network engineer checked in the cards, knobs and transitions (issue 10,
// items 8–18). Each test fails on the text the product shipped before it was corrected.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { KNOBS } from '../../../core/tcp/knobs';
import { LINUX_EXTRA_STATES } from '../../../core/tcp/linuxStates';
import { stateReference, STATE_REFERENCE } from '../../../core/tcp/stateReference';
import { TRANSITION_NOTES } from '../../../core/tcp/transitionNotes';
import {
  RST_TRANSITIONS,
  TIMEOUT_TRANSITIONS,
  TRANSITIONS,
  transitionById,
} from '../../../core/tcp/transitions';
import { TIME_WAIT_SECONDS } from '../../../core/tcp/timeWaitLengths';
import { SYN_RETRY_RULE, SYN_RETRY_SECONDS } from '../../../core/tcp/synRetries';
import { PORT_PROFILES } from '../../../core/analysis/diagnosisTypes';
import { TCP_STATES, type Localized } from '../../../core/tcp/types';
import { ENGLISH_STRINGS } from '../../../core/protocol/strings';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtures } from '../support/helpers';

/** Every sentence of content, in both languages, with where it comes from. */
function allContent(): { where: string; text: Localized }[] {
  const out: { where: string; text: Localized }[] = [];
  for (const s of TCP_STATES) {
    const r = STATE_REFERENCE[s];
    for (const k of ['short', 'meaning', 'side', 'next', 'duration', 'many', 'notes'] as const) {
      const t = r[k];
      if (t) out.push({ where: `${s}.${k}`, text: t });
    }
  }
  for (const [key, k] of Object.entries(KNOBS)) {
    out.push({ where: `knob ${key}`, text: k.effect });
    if ('caution' in k && k.caution) out.push({ where: `knob ${key} caution`, text: k.caution });
  }
  for (const [id, n] of Object.entries(TRANSITION_NOTES)) out.push({ where: `note ${id}`, text: n });
  for (const t of TRANSITIONS) {
    out.push({ where: `${t.id} event`, text: t.event });
    out.push({ where: `${t.id} action`, text: t.action });
  }
  return out;
}

void test('8. TIME_WAIT on other systems: Windows 120 s since Server 2003 (240 s was Windows 2000), macOS 30 s, FreeBSD 60 s', () => {
  assert.deepEqual(TIME_WAIT_SECONDS, { linux: 60, windows: 120, windows2000: 240, macos: 30, freebsd: 60 });
  const tw = stateReference('TIME_WAIT');
  assert.match(tw.duration.en, /Windows: 120 s by default since Windows Server 2003/);
  assert.match(tw.duration.en, /240 s on Windows 2000/);
  assert.match(tw.duration.en, /macOS: 30 s/);
  assert.match(tw.duration.zh, /默认 120 秒/);
  assert.match(TRANSITION_NOTES.t21.en, /120 s by default on Windows/);
  // The findings' port arithmetic uses the same numbers.
  assert.equal(PORT_PROFILES.windows.timeWaitSeconds, TIME_WAIT_SECONDS.windows);
  assert.equal(PORT_PROFILES.macos.timeWaitSeconds, TIME_WAIT_SECONDS.macos);
  for (const c of allContent()) {
    assert.doesNotMatch(c.text.en, /Windows[^.]*\b240 s by default/, c.where);
    assert.doesNotMatch(c.text.zh, /Windows 默认 240/, c.where);
  }
});

void test('9. SYN retries: one source says 131 s since Linux 6.5; no text gives 127 s alone', () => {
  assert.equal(SYN_RETRY_SECONDS, 131);
  assert.match(SYN_RETRY_RULE.en, /tcp_syn_linear_timeouts/);
  for (const c of allContent()) {
    for (const [lang, text] of [
      ['en', c.text.en],
      ['zh', c.text.zh],
    ] as const) {
      if (/\b127\b/.test(text)) assert.match(text, /131/, `${c.where} ${lang}: 127 s without 131 s`);
    }
  }
  assert.match(stateReference('SYN_SENT').next.en, /131 s/);
  assert.match(stateReference('SYN_SENT').notes?.en ?? '', /131 s/);
  assert.match(KNOBS.synRetries.effect.en, /131 s/);
  assert.match(transitionById('timeout-SYN_SENT')?.event.en ?? '', /131 s/);
  assert.match(TRANSITION_NOTES['timeout-SYN_SENT'].zh, /131 秒/);
  // "Periodically" contradicts the backoff.
  for (const c of allContent()) assert.doesNotMatch(c.text.zh, /周期性地重传/, c.where);
});

void test('10. /proc/net/tcp prints request sockets as 03, never 0C; 0x0C is the enum only', () => {
  const nsr = LINUX_EXTRA_STATES.find((x) => x.name === 'NEW_SYN_RECV');
  assert.equal(nsr?.enumHex, '0C');
  assert.equal(nsr?.procHex, '03');
  assert.match(nsr?.why.en ?? '', /\/proc\/net\/tcp as 03 \(SYN_RECV\), never 0C/);
  assert.match(nsr?.why.zh ?? '', /从不显示 0C/);
});

void test('11. RST: CLOSING, LAST-ACK, TIME-WAIT close without telling the application; RFC 5961 exact-sequence rule', () => {
  for (const s of ['CLOSING', 'LAST_ACK', 'TIME_WAIT'] as const) {
    const t = RST_TRANSITIONS.find((x) => x.from === s);
    assert.match(t?.action.en ?? '', /the application is not told/, s);
    assert.match(t?.action.zh ?? '', /不通知应用/, s);
  }
  for (const s of ['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSE_WAIT'] as const) {
    const t = RST_TRANSITIONS.find((x) => x.from === s);
    assert.match(t?.action.en ?? '', /ECONNRESET/, s);
  }
  assert.match(transitionById('rst-SYN_SENT')?.action.en ?? '', /ECONNREFUSED/);
  assert.match(TRANSITION_NOTES['rst-ESTABLISHED'].en, /RFC 5961/);
  assert.match(TRANSITION_NOTES['rst-ESTABLISHED'].en, /challenge ACK/);
  assert.match(
    transitionById('rst-ESTABLISHED')?.event.en ?? '',
    /exactly the next expected sequence number/,
  );
});

void test('13. tcp_max_syn_backlog is not the SYN-queue limit; it matters only with syncookies off', () => {
  assert.doesNotMatch(KNOBS.maxSynBacklog.effect.en, /^Per-listener limit/);
  assert.match(KNOBS.maxSynBacklog.effect.en, /min\(listen\(\) backlog, somaxconn\)/);
  assert.match(KNOBS.maxSynBacklog.effect.en, /only with tcp_syncookies = 0/);
  assert.match(KNOBS.maxSynBacklog.effect.zh, /tcp_syncookies = 0/);
});

void test('14. close-on-exec acts at exec(), not fork(); shutdown(SHUT_WR) sends the FIN regardless', () => {
  const notes = stateReference('CLOSE_WAIT').notes;
  assert.doesNotMatch(notes?.en ?? '', /fork\(\) without close-on-exec/);
  assert.match(notes?.en ?? '', /only if the child calls exec\(\)/);
  assert.match(notes?.en ?? '', /shutdown\(SHUT_WR\) sends the FIN at once, however many descriptors/);
  assert.match(notes?.zh ?? '', /exec\(\)/);
});

void test('16. abort_on_overflow 0: the server retransmits SYN,ACK; the ACK of a FIN is delayed; TCPTimeWaitOverflow', () => {
  assert.doesNotMatch(KNOBS.abortOnOverflow.effect.en, /the client retries/);
  assert.match(KNOBS.abortOnOverflow.effect.en, /the server retransmits its SYN,ACK/);
  assert.match(KNOBS.abortOnOverflow.effect.zh, /服务端会重传 SYN\+ACK/);
  assert.match(TRANSITION_NOTES.t16.en, /delay the ACK of a FIN/);
  assert.match(KNOBS.maxTwBuckets.effect.en, /TCPTimeWaitOverflow/);
  assert.match(KNOBS.maxTwBuckets.effect.en, /old ones logged/);
  assert.match(KNOBS.maxTwBuckets.caution.en, /^Never lower it/);
});

void test('17. SYN_RECEIVED is a handshake in progress, not RFC 9293 half-open (an established connection whose peer is gone)', () => {
  const sr = stateReference('SYN_RECEIVED');
  assert.doesNotMatch(sr.meaning.en, /^A half-open connection/);
  assert.match(sr.meaning.en, /^A handshake in progress \(an embryonic connection/);
  assert.match(sr.meaning.zh, /不同于 RFC 9293 所说的“半开连接”/);
  for (const c of allContent()) {
    if (c.where.startsWith('ESTABLISHED')) continue;
    assert.doesNotMatch(c.text.en, /half-open (connection|slot)/, c.where);
  }
  assert.match(stateReference('ESTABLISHED').many.en, /half-open connection/);
});

void test('18. SYN_RECEIVED → CLOSED has its own give-up edge (tcp_synack_retries)', () => {
  const t = TIMEOUT_TRANSITIONS.find((x) => x.from === 'SYN_RECEIVED');
  assert.equal(t?.to, 'CLOSED');
  assert.match(t?.event.en ?? '', /tcp_synack_retries/);
  assert.ok(t && t.label.length <= 40);
});

void test('TCB is 传输控制块 everywhere, one word for socket, one for SYN flood', () => {
  for (const c of allContent()) {
    assert.doesNotMatch(c.text.zh, /连接控制块/, c.where);
    assert.doesNotMatch(c.text.zh, /套接字/, c.where);
    assert.doesNotMatch(c.text.zh, /SYN ?洪水/, c.where);
    if (/TCB（/.test(c.text.zh)) assert.match(c.text.zh, /TCB（传输控制块）/, c.where);
  }
});

void test('omissions an SRE expects: tcp_tw_reuse details, SO_REUSEPORT, TCP_USER_TIMEOUT, IP_BIND_ADDRESS_NO_PORT, pools in CLOSE_WAIT', () => {
  assert.match(KNOBS.twReuse.effect.en, /2 \(the default\) only for loopback/);
  assert.match(KNOBS.twReuse.effect.en, /at least 1 s old/);
  assert.ok(stateReference('LISTEN').knobs.some((k) => k.name === 'SO_REUSEPORT'));
  assert.ok(stateReference('ESTABLISHED').knobs.some((k) => k.name.startsWith('TCP_USER_TIMEOUT')));
  assert.ok(stateReference('SYN_SENT').knobs.some((k) => k.name.includes('IP_BIND_ADDRESS_NO_PORT')));
  assert.ok(stateReference('TIME_WAIT').knobs.some((k) => k.name.includes('IP_BIND_ADDRESS_NO_PORT')));
  assert.match(stateReference('TIME_WAIT').many.en, /Never lower tcp_max_tw_buckets/);
  assert.match(stateReference('CLOSE_WAIT').many.en, /HTTP client pool/);
  assert.match(stateReference('CLOSE_WAIT').many.en, /Recv-Q is at least 1 \(the unread FIN counts one\)/);
  assert.match(
    stateReference('LISTEN').many.en,
    /Recv-Q equal to Send-Q means the queue is full; above Send-Q it overflows/,
  );
});

void test('12. the numbering 1–21 is ours: the RFC numbers no transition', () => {
  assert.match(ENGLISH_STRINGS.cardRfcRow, /ours; RFC 9293 numbers none/);
  const zh = JSON.parse(
    readFileSync(join(fixtures, '..', '..', 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'),
  ) as Record<string, string>;
  assert.equal(zh[ENGLISH_STRINGS.cardRfcRow], '边编号（本产品自定；RFC 9293 未编号）');
  assert.equal(transitionById('t16')?.figure5, false);
  assert.equal(TRANSITIONS.filter((t) => t.rfcNumber !== undefined && t.figure5).length, 20);
});

void test('the Chinese UI strings use the same terms as the cards (socket, SYN 洪泛, 传输控制块)', () => {
  const root = join(fixtures, '..', '..');
  for (const file of ['package.nls.zh-cn.json', join('l10n', 'bundle.l10n.zh-cn.json')]) {
    const text = readFileSync(join(root, file), 'utf8');
    assert.doesNotMatch(text, /套接字|SYN ?洪水|连接控制块/, file);
  }
});
