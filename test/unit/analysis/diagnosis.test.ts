// Node (unit tier): each finding fires on data that should trigger it, and stays quiet on healthy data.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLog } from '../../../core/parse/logParser';
import {
  DEFAULT_DIAGNOSIS_OPTIONS,
  PORT_PROFILES,
  diagnose,
  type Finding,
} from '../../../core/analysis/diagnosis';
import type { ConnectionRecord } from '../../../core/parse/types';
import { makeRecord, many } from '../support/makeRecord';

const ids = (fs: Finding[]): string[] => fs.map((f) => f.id);
const one = (fs: Finding[], id: string): Finding => {
  const f = fs.filter((x) => x.id === id);
  assert.equal(f.length, 1, `exactly one ${id} in ${ids(fs).join(',')}`);
  return f[0];
};

function healthy(): ConnectionRecord[] {
  return [
    makeRecord({
      line: 2,
      state: 'LISTEN',
      local: '0.0.0.0:443',
      sendQ: 4096,
      recvQ: 0,
      processes: [{ name: 'nginx', pid: 10, fd: 6 }],
    }),
    ...many(
      40,
      3,
      {
        state: 'ESTABLISHED',
        local: '10.0.0.1:443',
        remote: '10.0.0.7:1',
        processes: [{ name: 'nginx', pid: 11 }],
      },
      'remote',
    ),
    ...many(300, 50, { state: 'TIME_WAIT', local: '10.0.0.1:1', remote: '10.0.0.9:5432' }),
    ...many(
      3,
      400,
      {
        state: 'CLOSE_WAIT',
        local: '10.0.0.1:443',
        remote: '10.0.0.7:1',
        recvQ: 1,
        processes: [{ name: 'nginx', pid: 11 }],
      },
      'remote',
    ),
    ...many(2, 410, { state: 'SYN_SENT', local: '10.0.0.1:1', remote: '10.0.0.9:80' }),
    ...many(2, 420, {
      state: 'FIN_WAIT_2',
      local: '10.0.0.1:1',
      remote: '10.0.0.9:80',
      timer: { kind: 'timewait', seconds: 30, raw: 'timewait,30sec,0' },
    }),
    makeRecord({ line: 430, state: 'LAST_ACK', local: '10.0.0.1:443', remote: '10.0.0.7:9' }),
    makeRecord({
      line: 431,
      state: 'ESTABLISHED',
      local: '10.0.0.1:443',
      remote: '10.0.0.7:10',
      sendQ: 2000,
    }),
  ];
}

void test('a healthy capture produces no findings', () => {
  assert.deepEqual(diagnose(healthy()), []);
});

void test('CLOSE_WAIT piling up in one process', () => {
  const recs = many(
    25,
    10,
    {
      state: 'CLOSE_WAIT',
      local: '10.0.0.1:8080',
      remote: '10.0.0.5:1',
      recvQ: 1,
      processes: [{ name: 'java', pid: 77 }],
    },
    'remote',
  );
  const f = one(diagnose(recs), 'close-wait-pileup');
  assert.equal(f.count, 25);
  assert.equal(f.subject, 'java');
  assert.equal(f.state, 'CLOSE_WAIT');
  assert.deepEqual(f.lines.slice(0, 3), [10, 11, 12]);
  assert.match(f.message.en, /25 .*close\(\)/);
  assert.match(f.message.en, /Recv-Q/);
  assert.match(f.message.en, /no sysctl/);
  assert.match(f.message.zh, /close\(\)/);
});

void test('CLOSE_WAIT without process names is grouped by listener, or by destination for outgoing sockets', () => {
  const recs = [
    makeRecord({ line: 1, state: 'LISTEN', local: '0.0.0.0:8080' }),
    ...many(12, 2, { state: 'CLOSE_WAIT', local: '10.0.0.1:8080', remote: '10.0.0.5:1' }, 'remote'),
    ...many(15, 30, { state: 'CLOSE_WAIT', local: '10.0.0.1:1', remote: '10.0.0.6:6379' }),
  ];
  const fs = diagnose(recs).filter((f) => f.id === 'close-wait-pileup');
  assert.deepEqual(
    fs.map((f) => [f.subject, f.count]),
    [
      ['10.0.0.6:6379', 15],
      ['10.0.0.1:8080', 12],
    ],
  );
});

void test('TIME_WAIT per destination does the ephemeral-port arithmetic and warns about tcp_tw_recycle', () => {
  const recs = many(14116, 1, { state: 'TIME_WAIT', local: '10.0.0.1:1', remote: '10.0.0.9:5432' });
  const f = one(diagnose(recs), 'time-wait-ports');
  assert.equal(f.count, 14116);
  assert.equal(f.severity, 'warning');
  assert.equal(f.subject, '10.0.0.1 → 10.0.0.9:5432', 'grouped by local IP and destination');
  assert.equal(f.lines.length, 200);
  assert.match(f.message.en, /14,116 connections/);
  assert.match(f.message.en, /28,232/);
  assert.match(f.message.en, /≈ 235 new connections\/s/);
  assert.match(f.message.en, /≈ 471\/s/);
  assert.match(f.message.en, /tcp_tw_reuse=1 \(outgoing connections only; the default 2/);
  assert.match(f.message.en, /tcp_tw_recycle.*removed in Linux 4\.12/);
  assert.match(f.message.zh, /4\.12/);
  assert.deepEqual(diagnose(recs, [], { timeWaitThreshold: 20000 }), []);
  assert.equal(
    diagnose(many(1500, 1, { state: 'TIME_WAIT', local: '10.0.0.1:1', remote: '10.0.0.9:5432' }))[0].severity,
    'info',
  );
});

void test('SYN_RECEIVED per listener, SYN_SENT per destination', () => {
  const recs = [
    ...many(60, 1, { state: 'SYN_RECEIVED', local: '10.0.0.1:80', remote: '203.0.113.1:1' }, 'remote'),
    ...many(12, 100, { state: 'SYN_SENT', local: '10.0.0.1:1', remote: '10.9.9.9:3306' }),
  ];
  const fs = diagnose(recs);
  assert.equal(one(fs, 'syn-recv-backlog').subject, '10.0.0.1:80');
  assert.match(one(fs, 'syn-recv-backlog').message.en, /tcp_syncookies/);
  assert.equal(one(fs, 'syn-sent-stuck').count, 12);
  assert.match(one(fs, 'syn-sent-stuck').message.en, /127 s/);
});

void test('accept-queue overflow on an ss LISTEN row, not on netstat', () => {
  const full = makeRecord({ line: 3, state: 'LISTEN', local: '0.0.0.0:7070', recvQ: 129, sendQ: 128 });
  const f = one(diagnose([full]), 'accept-queue-overflow');
  assert.equal(f.severity, 'error');
  assert.match(f.message.en, /129 connections .* backlog of 128/);
  assert.deepEqual(
    diagnose([
      makeRecord({
        line: 3,
        state: 'LISTEN',
        local: '0.0.0.0:7070',
        recvQ: 129,
        sendQ: 128,
        format: 'netstat',
      }),
    ]),
    [],
  );
  assert.deepEqual(
    diagnose([makeRecord({ line: 3, state: 'LISTEN', local: '0.0.0.0:7070', recvQ: 5, sendQ: 128 })]),
    [],
  );
});

void test('orphaned FIN_WAIT_2: a timewait timer, or no owner in a capture that shows owners', () => {
  const timers = many(11, 1, {
    state: 'FIN_WAIT_2',
    local: '10.0.0.1:1',
    remote: '10.0.0.2:80',
    timer: { kind: 'timewait', seconds: 40, raw: '' },
  });
  assert.equal(one(diagnose(timers), 'fin-wait-2-orphans').count, 11);
  const unowned = many(11, 1, { state: 'FIN_WAIT_2', local: '10.0.0.1:1', remote: '10.0.0.2:80' });
  assert.deepEqual(
    diagnose(unowned).filter((f) => f.id !== 'ss-without-a'),
    [],
    'without -p nothing says they are orphans',
  );
  const withOwners = [
    makeRecord({
      line: 50,
      state: 'ESTABLISHED',
      local: '10.0.0.1:2',
      remote: '10.0.0.3:80',
      processes: [{ name: 'curl' }],
    }),
    ...unowned,
  ];
  assert.match(one(diagnose(withOwners), 'fin-wait-2-orphans').message.en, /tcp_fin_timeout/);
});

void test('LAST_ACK lingering and Send-Q stuck', () => {
  const recs = [
    ...many(10, 1, { state: 'LAST_ACK', local: '10.0.0.1:443', remote: '10.0.0.2:1' }, 'remote'),
    makeRecord({
      line: 40,
      state: 'ESTABLISHED',
      local: '10.0.0.1:443',
      remote: '10.0.0.8:5000',
      sendQ: 3_000_000,
      timer: { kind: 'persist', seconds: 1, raw: '' },
    }),
  ];
  const fs = diagnose(recs);
  assert.equal(one(fs, 'last-ack-lingering').count, 10);
  const s = one(fs, 'send-q-stuck');
  assert.match(s.message.en, /3,000,000 bytes/);
  assert.match(s.message.en, /zero window/);
});

void test('kernel events: SYN flooding and conntrack table full', () => {
  const fs = diagnose(
    [],
    [
      {
        line: 4,
        kind: 'syn-flood',
        text: 'TCP: request_sock_TCP: Possible SYN flooding on port 0.0.0.0:7070. Sending cookies.',
        port: '0.0.0.0:7070',
      },
      { line: 9, kind: 'conntrack-full', text: 'nf_conntrack: table full, dropping packet' },
      { line: 10, kind: 'conntrack-full', text: 'nf_conntrack: table full, dropping packet' },
    ],
  );
  assert.deepEqual(ids(fs), ['kernel-conntrack-full', 'kernel-syn-flood']);
  assert.equal(fs[0].count, 2);
  assert.deepEqual(fs[0].lines, [9, 10]);
  assert.equal(fs[1].subject, '0.0.0.0:7070');
});

void test('a time series is judged on its last snapshot', () => {
  const early = many(30, 1, {
    state: 'CLOSE_WAIT',
    local: '10.0.0.1:1',
    remote: '10.0.0.6:6379',
    snapshot: 0,
  });
  const late = many(2, 100, {
    state: 'CLOSE_WAIT',
    local: '10.0.0.1:1',
    remote: '10.0.0.6:6379',
    snapshot: 1,
  });
  assert.deepEqual(diagnose([...early, ...late]), []);
  assert.equal(
    one(
      diagnose([...late, ...early.map((r) => ({ ...r, snapshot: 2, line: r.line + 200 }))]),
      'close-wait-pileup',
    ).count,
    30,
  );
});

void test('a transition log is judged on the state each connection was left in', () => {
  const recs: ConnectionRecord[] = [];
  for (let i = 0; i < 12; i++) {
    const local = `10.0.0.1:${41000 + i}`;
    recs.push(
      makeRecord({
        line: 2 * i + 1,
        from: 'CLOSED',
        state: 'SYN_SENT',
        local,
        remote: '10.0.0.9:80',
        format: 'tcpstates',
      }),
    );
    if (i < 5)
      recs.push(
        makeRecord({
          line: 2 * i + 2,
          from: 'SYN_SENT',
          state: 'CLOSED',
          local,
          remote: '10.0.0.9:80',
          format: 'tcpstates',
        }),
      );
  }
  assert.deepEqual(diagnose(recs), [], '7 still in SYN_SENT is under the threshold');
  assert.equal(one(diagnose(recs, [], { synSentThreshold: 7 }), 'syn-sent-stuck').count, 7);
});

void test('defaults are exported and findings come most severe first', () => {
  assert.equal(PORT_PROFILES.linux.ports, 28232);
  assert.equal(PORT_PROFILES.linux.timeWaitSeconds, 60);
  assert.equal(PORT_PROFILES.windows.timeWaitSeconds, 120);
  assert.equal(DEFAULT_DIAGNOSIS_OPTIONS.ephemeralPorts, undefined, 'the capture OS decides');
  const fs = diagnose([
    makeRecord({ line: 1, state: 'LISTEN', local: '0.0.0.0:1', recvQ: 2, sendQ: 1 }),
    ...many(10, 2, { state: 'LAST_ACK', local: '10.0.0.1:1', remote: '10.0.0.2:2' }),
  ]);
  assert.deepEqual(ids(fs), ['accept-queue-overflow', 'last-ack-lingering']);
});

void test('real captures: the ss capture with a full accept queue is flagged; the time series and netstat captures are not', () => {
  const dir = join(__dirname, '..', '..', 'fixtures', 'linux');
  const run = (name: string): Finding[] => {
    const r = parseLog(readFileSync(join(dir, name), 'utf8'));
    return diagnose(r.records, r.kernelEvents);
  };
  const ss = run('ss-tanpo.txt');
  assert.deepEqual(
    ss.map((f) => [f.id, f.subject, f.lines]),
    [
      ['accept-queue-overflow', '[::1]:6009', [38]],
      ['accept-queue-overflow', '127.0.0.1:5009', [9]],
    ],
  );
  assert.deepEqual(run('timeseries-ss-tanpo.log'), []);
  assert.deepEqual(run('netstat-tanpo.txt'), [], 'netstat shows no backlog on LISTEN rows');
});
