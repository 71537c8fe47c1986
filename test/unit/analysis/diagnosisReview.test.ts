// Unit (node:test): the issue-10 review of the diagnosis — each finding at threshold − 1 and at threshold,
// conntrack rows kept apart from sockets, accept queue full vs overflowing, SYN-flood cookies vs drops, per-OS
// port arithmetic, and one source for the thresholds' defaults (core, CLI, package.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_THRESHOLDS, diagnose, type Finding } from '../../../core/analysis/diagnosis';
import { makeRecord, many } from '../support/makeRecord';
import type { ConnectionRecord } from '../../../core/parse/types';

const ids = (fs: Finding[]): string[] => fs.map((f) => f.id);
const one = (fs: Finding[], id: string): Finding => {
  const f = fs.filter((x) => x.id === id);
  assert.equal(f.length, 1, `one ${id} in ${ids(fs).join(', ')}`);
  return f[0];
};

void test("package.json's setting defaults equal core's DEFAULT_THRESHOLDS", () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../../package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default?: unknown }> } };
  };
  const props = pkg.contributes.configuration.properties;
  const names = Object.keys(props).filter(
    (k) => k.startsWith('tcpStates.diagnostics.') && k.endsWith('Threshold'),
  );
  assert.ok(names.length >= 4);
  for (const k of names) {
    const key = k.slice('tcpStates.diagnostics.'.length) as keyof typeof DEFAULT_THRESHOLDS;
    assert.equal(props[k].default, DEFAULT_THRESHOLDS[key], k);
  }
});

void test('each socket finding fires at its threshold, not at threshold − 1', () => {
  const cases: [keyof typeof DEFAULT_THRESHOLDS, string, (n: number) => ConnectionRecord[]][] = [
    [
      'closeWaitThreshold',
      'close-wait-pileup',
      (n) =>
        many(n, 1, {
          state: 'CLOSE_WAIT',
          local: '10.0.0.1:8080',
          remote: '10.0.0.2:50000',
          processes: [{ name: 'java', pid: 1 }],
        }),
    ],
    [
      'timeWaitThreshold',
      'time-wait-ports',
      (n) => many(n, 1, { state: 'TIME_WAIT', local: '10.0.0.1:1', remote: '10.0.0.9:443' }),
    ],
    [
      'synRecvThreshold',
      'syn-recv-backlog',
      (n) => many(n, 1, { state: 'SYN_RECEIVED', local: '10.0.0.1:443', remote: '10.0.0.7:1' }, 'remote'),
    ],
    [
      'synSentThreshold',
      'syn-sent-stuck',
      (n) => many(n, 1, { state: 'SYN_SENT', local: '10.0.0.1:1', remote: '10.0.0.9:443' }),
    ],
    [
      'lastAckThreshold',
      'last-ack-lingering',
      (n) => many(n, 1, { state: 'LAST_ACK', local: '10.0.0.1:1', remote: '10.0.0.9:443' }),
    ],
  ];
  for (const [key, id, make] of cases) {
    const t = DEFAULT_THRESHOLDS[key];
    assert.ok(!ids(diagnose(make(t - 1))).includes(id), `${id} at ${t - 1}`);
    assert.equal(one(diagnose(make(t)), id).count, t, `${id} at ${t}`);
  }
});

void test('conntrack rows never get socket findings; they get their own', () => {
  const flow = (
    line: number,
    state: ConnectionRecord['state'],
    port: number,
    extra: ConnectionRecord['conntrack'],
  ): ConnectionRecord => ({
    ...makeRecord({ line, state, local: `10.0.0.5:${port}`, remote: '10.0.0.9:80', format: 'conntrack' }),
    conntrack: extra,
  });
  const tw = Array.from({ length: 1200 }, (_, i) => flow(i + 1, 'TIME_WAIT', 30000 + i, { ttl: 100 }));
  const cw = Array.from({ length: 20 }, (_, i) => flow(2000 + i, 'CLOSE_WAIT', 20000 + i, { ttl: 50 }));
  assert.deepEqual(diagnose([...tw, ...cw]), [], 'no port exhaustion, no application leak');
  const unreplied = Array.from({ length: 10 }, (_, i) =>
    flow(i + 1, 'SYN_SENT', 40000 + i, { ttl: 100, unreplied: true }),
  );
  assert.equal(one(diagnose(unreplied), 'conntrack-unreplied').count, 10);
  assert.ok(!ids(diagnose(unreplied.slice(1))).includes('conntrack-unreplied'));
  const est = Array.from({ length: 100 }, (_, i) => flow(i + 1, 'ESTABLISHED', 41000 + i, { ttl: 431000 }));
  assert.match(one(diagnose(est), 'conntrack-established-long').message.en, /432000 s \(5 days\)/);
  const f = one(diagnose(est, [], { conntrackMax: 120 }), 'conntrack-table-near-full');
  assert.equal(f.severity, 'warning');
  assert.ok(!ids(diagnose(est, [], { conntrackMax: 200 })).includes('conntrack-table-near-full'));
});

void test('accept queue: Recv-Q = Send-Q is full (warning), above overflows (error), backlog 0 counts', () => {
  const listen = (recvQ: number, sendQ: number): Finding[] =>
    diagnose([makeRecord({ line: 1, state: 'LISTEN', local: '0.0.0.0:80', recvQ, sendQ })]);
  const full = one(listen(511, 511), 'accept-queue-full');
  assert.equal(full.severity, 'warning');
  assert.match(full.message.en, /ListenOverflows/);
  assert.equal(one(listen(512, 511), 'accept-queue-overflow').severity, 'error');
  assert.equal(one(listen(1, 0), 'accept-queue-overflow').severity, 'error');
  assert.deepEqual(listen(510, 511), []);
});

void test('SYN flood line: cookies or drops, and a line count is no measure', () => {
  const ev = (text: string) => [{ line: 1, kind: 'syn-flood' as const, text, port: '0.0.0.0:7070' }];
  const cookies = one(
    diagnose([], ev('TCP: request_sock_TCP: Possible SYN flooding on port 0.0.0.0:7070. Sending cookies.')),
    'kernel-syn-flood',
  );
  assert.match(cookies.message.en, /SYN cookies/);
  assert.match(cookies.message.en, /TcpExtTCPReqQFullDrop/);
  const drop = one(
    diagnose([], ev('TCP: request_sock_TCP: Possible SYN flooding on port 0.0.0.0:7070. Dropping request.')),
    'kernel-syn-flood',
  );
  assert.doesNotMatch(drop.message.en, /answered with SYN cookies/);
  assert.match(drop.message.en, /dropped/);
  assert.match(drop.title.zh, /SYN 洪泛/);
});

void test('CLOSE_WAIT Recv-Q 1 is the unread FIN; LAST_ACK retries under tcp_orphan_retries', () => {
  const cw = many(10, 1, {
    state: 'CLOSE_WAIT',
    local: '10.0.0.1:8080',
    remote: '10.0.0.2:50000',
    recvQ: 1,
    processes: [{ name: 'java', pid: 1 }],
  });
  const m = one(diagnose(cw), 'close-wait-pileup').message;
  assert.match(m.en, /FIN itself counts 1/);
  assert.doesNotMatch(m.en, /still hold unread data/);
  assert.match(m.en, /HTTP client pool/);
  assert.doesNotMatch(m.zh, /套接字/);
  const la = one(
    diagnose(many(10, 1, { state: 'LAST_ACK', local: '10.0.0.1:1', remote: '10.0.0.9:443' })),
    'last-ack-lingering',
  );
  assert.match(la.message.en, /tcp_orphan_retries/);
  assert.doesNotMatch(la.message.en, /tcp_retries2/);
});

void test('TIME_WAIT arithmetic by the OS the format tells, grouped by local IP; no tcp_max_tw_buckets remedy', () => {
  const win = many(1000, 1, {
    state: 'TIME_WAIT',
    local: '10.0.0.1:1',
    remote: '10.0.0.9:443',
    format: 'windows',
  });
  const w = one(diagnose(win), 'time-wait-ports').message.en;
  assert.match(w, /16,384 ephemeral ports/);
  assert.match(w, /At 120 s/);
  assert.match(w, /≈ 137\/s/);
  const mac = many(1000, 1, {
    state: 'TIME_WAIT',
    local: '10.0.0.1:1',
    remote: '10.0.0.9:443',
    format: 'bsd',
  });
  assert.match(one(diagnose(mac), 'time-wait-ports').message.en, /At 30 s/);
  const two = [
    ...many(600, 1, { state: 'TIME_WAIT', local: '10.0.0.1:1', remote: '10.0.0.9:443' }),
    ...many(600, 700, { state: 'TIME_WAIT', local: '10.0.0.2:1', remote: '10.0.0.9:443' }),
  ];
  assert.ok(!ids(diagnose(two)).includes('time-wait-ports'), 'two local IPs have a port range each');
  const linux = one(
    diagnose(many(1000, 1, { state: 'TIME_WAIT', local: '10.0.0.1:1', remote: '10.0.0.9:443' })),
    'time-wait-ports',
  );
  assert.match(linux.message.en, /Do not lower net\.ipv4\.tcp_max_tw_buckets/);
  assert.match(linux.message.en, /IP_BIND_ADDRESS_NO_PORT/);
});

void test('SYN_SENT finding: one SYN-retry source with the Linux 6.5 linear timeouts', () => {
  const m = one(
    diagnose(many(10, 1, { state: 'SYN_SENT', local: '10.0.0.1:1', remote: '10.0.0.9:443' })),
    'syn-sent-stuck',
  ).message;
  assert.match(m.en, /tcp_syn_linear_timeouts/);
  assert.match(m.en, /about 131 s/);
  assert.match(m.en, /ECONNREFUSED/);
});
