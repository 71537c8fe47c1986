// Node (unit tier): real-world mess — prompts, several dialects in one file, kernel lines, time series, garbage.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatEndpoint } from '../../../core/parse/address';
import { LogParser, parseLog } from '../../../core/parse/logParser';
import { readFixture, stateRangesHold } from '../support/helpers';

const ssTan = readFixture('linux/ss-tan.txt').trimEnd();
const netstatTanp = readFixture('linux/netstat-tanp.txt').trimEnd();
const lsof = readFixture('linux/lsof-nP-iTCP.txt').trimEnd();
const win = readFixture('public/windows-netstat-ano.txt').trimEnd();
const count = (s: string): number => parseLog(s).records.length;

test('a terminal session: prompts, two dialects, kernel lines, a Windows paste — per-line detection', () => {
  const text = [
    'root@web-1:~# ss -tan',
    ssTan,
    'root@web-1:~# dmesg | tail -2',
    '[1234567.123456] TCP: request_sock_TCP: Possible SYN flooding on port 0.0.0.0:7070. Sending cookies.  Check SNMP counters.',
    'Nov 23 20:06:34 web-1 kernel: nf_conntrack: table full, dropping packet',
    '$ netstat -tanp',
    netstatTanp,
    '$ lsof -nP -iTCP',
    lsof,
    win,
    '',
  ].join('\n');
  const result = parseLog(text);
  assert.equal(result.records.length, count(ssTan) + count(netstatTanp) + count(lsof) + count(win));
  assert.deepEqual(stateRangesHold(text, result.records), []);
  const formats = [...new Set(result.records.map((r) => r.format))];
  assert.deepEqual(formats, ['ss', 'netstat', 'lsof', 'windows']);
  assert.deepEqual(
    result.kernelEvents.map((e) => [e.kind, e.port, e.line]),
    [
      ['syn-flood', '7070', ssTan.split('\n').length + 3],
      ['conntrack-full', undefined, ssTan.split('\n').length + 4],
    ],
  );
  // Each new header after connection lines opens a snapshot.
  assert.equal(result.snapshots.length, 4);
  assert.equal(result.snapshots[0].startLine, 2);
});

test('time series with ISO, epoch and banner timestamps', () => {
  const one = ssTan;
  const text = [
    '2026-11-23T20:06:34Z',
    one,
    '1732392394.123',
    one,
    '=== 20:06:36 ===',
    one,
    '2026-11-23 20:06:37',
    one,
  ].join('\n');
  const result = parseLog(text);
  assert.deepEqual(
    result.snapshots.map((s) => s.time),
    ['2026-11-23T20:06:34Z', '1732392394.123', '20:06:36', '2026-11-23 20:06:37'],
  );
  const per = count(one);
  assert.equal(result.records.length, 4 * per);
  result.records.forEach((r, i) => assert.equal(r.snapshot, Math.floor(i / per)));
});

test('a header repeated without timestamps still separates snapshots', () => {
  const result = parseLog([ssTan, ssTan, ssTan].join('\n'));
  assert.equal(result.snapshots.length, 3);
  assert.deepEqual(
    result.snapshots.map((s) => [s.startLine, s.endLine]),
    [
      [1, 58],
      [59, 116],
      [117, 174],
    ],
  );
});

test('CRLF, truncated columns, unknown states, garbage: no records, no throws', () => {
  const p = new LogParser();
  const good = 'ESTAB      0      0               127.0.0.1:5009           127.0.0.1:41192';
  assert.equal(p.parseLine(`${good}\r`, 1)?.state, 'ESTABLISHED');
  for (let cut = 0; cut < good.length; cut++) {
    const r = p.parseLine(good.slice(0, cut), 2);
    if (r) assert.equal(formatEndpoint(r.local), '127.0.0.1:5009');
  }
  assert.equal(
    p.parseLine('ESTAB 0 0 127.0.0.1:5009 127.0.0.1:41192'.replace('ESTAB', 'WEIRD'), 3),
    undefined,
  );
  assert.equal(
    p.parseLine('tcp        0      0 127.0.0.1:5001          0.0.0.0:*               FROBNICATE  -', 4),
    undefined,
  );
  assert.equal(
    p.parseLine('udp        0      0 10.0.0.1:53             10.0.0.2:40000          ESTABLISHED', 5),
    undefined,
  );
  assert.equal(
    p.parseLine(
      'tcp      6 118 NONE src=127.0.0.1 dst=127.0.0.1 sport=1 dport=2 src=127.0.0.1 dst=127.0.0.1 sport=2 dport=1 mark=0 use=1',
      6,
    ),
    undefined,
  );
  const garbage = Array.from({ length: 2000 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
  assert.doesNotThrow(() => parseLog(garbage));
  assert.equal(parseLog('\u0000\u0001\u0002ESTAB\uFFFD\n\u001b[31mLISTEN\u001b[0m').records.length, 0);
});

test('ss with a Netid column: only tcp rows are TCP connections', () => {
  const text = [
    'Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess',
    'udp   ESTAB  0      0      10.0.0.5%eth0:68    10.0.0.1:67',
    'tcp   ESTAB  0      0      10.0.0.5:22         10.0.0.9:50022',
    'tcp   LISTEN 0      4096   [::]:22             [::]:*',
  ].join('\n');
  const r = parseLog(text).records;
  assert.deepEqual(
    r.map((x) => [x.line, x.state, formatEndpoint(x.local), x.proto]),
    [
      [3, 'ESTABLISHED', '10.0.0.5:22', 'tcp'],
      [4, 'LISTEN', '*:22', 'tcp'],
    ],
  );
});

test('netstat -p: program names with spaces and the unknown owner', () => {
  const text = [
    'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ',
    'tcp        0      0 127.0.0.1:3000          0.0.0.0:*               LISTEN      9360/Passenger Ruby ',
    'tcp        0      0 10.0.0.5:22             10.0.0.9:50022          ESTABLISHED -                   ',
  ].join('\n');
  const r = parseLog(text).records;
  assert.deepEqual(r[0].processes, [{ name: 'Passenger Ruby', pid: 9360 }]);
  assert.deepEqual(r[1].processes, []);
});
