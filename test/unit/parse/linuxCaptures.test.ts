// Node (unit tier): parsers against real captures whose ground truth the capture script knows.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { formatEndpoint } from '../../../core/parse/address';
import { LogParser, parseLog } from '../../../core/parse/logParser';
import type { ConnectionRecord } from '../../../core/parse/types';
import { key, readFixture, readJson, recordKey, sorted, stateRangesHold } from '../support/helpers';

interface TruthSocket {
  readonly case: string;
  readonly state: string;
  readonly local: string;
  readonly remote: string;
  readonly owned: boolean;
  readonly recvQ?: number;
  readonly sendQ?: number;
  readonly v4mapped?: boolean;
}
interface Truth {
  readonly mainPid: number;
  readonly childPid: number;
  readonly sockets: readonly TruthSocket[];
  readonly ssStateCounts: Record<string, number>;
}

const truth = readJson<Truth>('linux/states.truth.json');
const all = truth.sockets.map((s) => key(s.state, s.local, s.remote));
const isV6 = (s: TruthSocket): boolean =>
  s.local.startsWith('[') ||
  (s.local.startsWith('*:') && s.case.endsWith('-v6')) ||
  s.case === 'listen-dualstack' ||
  s.case === 'v4mapped-server';

function parse(file: string): { text: string; records: readonly ConnectionRecord[] } {
  const text = readFixture(`linux/${file}`);
  return { text, records: parseLog(text).records };
}

function truthFor(s: TruthSocket): string {
  return key(s.state, s.local, s.remote);
}

test('the capture holds every state, checked by ss state filters at capture time', () => {
  for (const st of [
    'LISTEN',
    'SYN_SENT',
    'SYN_RECEIVED',
    'ESTABLISHED',
    'FIN_WAIT_1',
    'FIN_WAIT_2',
    'CLOSE_WAIT',
    'CLOSING',
    'LAST_ACK',
    'TIME_WAIT',
  ]) {
    assert.ok(truth.ssStateCounts[st] > 0, st);
  }
});

for (const file of [
  'ss-tan.txt',
  'ss-tanp.txt',
  'ss-tanpo.txt',
  'ss-tanoe.txt',
  'ss-tani.txt',
  'ss-tanm.txt',
  'netstat-tan.txt',
  'netstat-tanp.txt',
  'netstat-tanpo.txt',
  'netstat-tanpe.txt',
  'netstat-tanoee.txt',
]) {
  test(`${file}: exactly the sockets the script created, each on a line that shows it`, () => {
    const { text, records } = parse(file);
    assert.deepEqual(sorted(records.map(recordKey)), sorted(all));
    assert.deepEqual(stateRangesHold(text, records), []);
    const lines = text.split('\n');
    for (const r of records) {
      assert.ok(lines[r.line - 1].includes(r.rawState));
      assert.equal(r.format, file.startsWith('ss') ? 'ss' : 'netstat');
      assert.equal(r.snapshot, 0);
    }
    // Every line that is neither a record, a header nor a continuation is blank.
    const used = new Set(records.map((r) => r.line));
    for (const r of records) if (r.infoLine) used.add(r.infoLine);
    lines.forEach((l, i) => {
      if (!used.has(i + 1) && l.trim() !== '')
        assert.match(l, /^(State|Active Internet|Proto)/, `line ${i + 1}: ${l}`);
    });
  });
}

test('ss -tanp: shared sockets list both owners, including a name with quotes, spaces, commas and a parenthesis', () => {
  const { records } = parse('ss-tanp.txt');
  const owned = new Set(truth.sockets.filter((s) => s.owned).map(truthFor));
  for (const r of records) {
    if (owned.has(recordKey(r))) {
      // ss cuts the name read from /proc/PID/stat at its first ')': `we"ird (x,y)` shows as `we"ird (x,y`.
      assert.deepEqual(
        r.processes.map((p) => [p.name, p.pid]),
        [
          ['we"ird (x,y', truth.childPid],
          ['tcpcap-main', truth.mainPid],
        ],
      );
      assert.equal(r.processes[0].fd, r.processes[1].fd);
    } else assert.deepEqual(r.processes, [], recordKey(r));
  }
});

test('ss -tanpo: timers — old iproute2 `S.MMMms` is seconds, orphan FIN-WAIT-2 has a timewait timer', () => {
  const { records } = parse('ss-tanpo.txt');
  const by = (st: string): ConnectionRecord[] => records.filter((r) => r.state === st);
  for (const r of by('TIME_WAIT')) {
    assert.equal(r.timer?.kind, 'timewait');
    assert.ok(r.timer.seconds !== undefined && r.timer.seconds > 30 && r.timer.seconds <= 60, r.timer.raw);
  }
  const orphanFw2 = truth.sockets.filter((s) => s.case.startsWith('fin-wait-2-orphan')).map(truthFor);
  for (const r of by('FIN_WAIT_2').filter((x) => orphanFw2.includes(recordKey(x))))
    assert.equal(r.timer?.kind, 'timewait');
  for (const r of by('SYN_RECEIVED')) {
    assert.equal(r.timer?.kind, 'on');
    assert.ok((r.timer.seconds ?? -1) >= 0 && (r.timer.seconds ?? 99) < 20, r.timer.raw);
    assert.ok((r.timer.retrans ?? 0) >= 1);
  }
  // The captures come from iproute2 6.1, which prints seconds with an `ms` suffix: the fixture must show one.
  const old = records.find((r) => /\d\.\d{3}ms/.test(r.timer?.raw ?? ''));
  assert.ok(old?.timer, 'an iproute2 6.1 timer such as timer:(keepalive,7.123ms,0) is in the capture');
  const m = /(\d+)\.(\d{3})ms/.exec(old.timer.raw);
  assert.ok(m);
  assert.equal(old.timer.seconds, Number(`${m[1]}.${m[2]}`));
  for (const r of by('LISTEN')) assert.equal(r.timer, undefined);
});

test('ss -tanoe: uid, inode for owned sockets; request and timewait sockets have ino:0', () => {
  const { records } = parse('ss-tanoe.txt');
  for (const r of records) {
    // The capture ran as root: ss -e prints uid: only for a non-zero uid, so no record carries one.
    assert.equal(r.uid, undefined);
    if (r.state === 'TIME_WAIT' || r.state === 'SYN_RECEIVED') assert.equal(r.inode, undefined);
    else if (r.state === 'LISTEN') assert.ok((r.inode ?? 0) > 0);
  }
});

test('uid exact on the ss paths (uid:N, general and fast) and /proc (column 8), on real rows', () => {
  const ss = readFixture('linux/ss-tanoe.txt')
    .split('\n')
    .find((l) => l.includes('ino:53310'));
  assert.ok(ss);
  for (const uid of [1000, 65534, 0]) {
    const line: string = ss.replace('ino:53310', `uid:${uid} ino:53310`);
    const p = new LogParser();
    assert.equal(p.parseLine(line, 1)?.uid, uid, `general uid:${uid}`);
    assert.equal(
      new LogParser().parseRange(line, Buffer.from(line, 'latin1'), 0, line.length, 1)?.uid,
      uid,
      `fast uid:${uid}`,
    );
  }
  for (const r of parse('proc-net-tcp.txt').records) assert.equal(r.uid, 0);
  const proc = readFixture('linux/proc-net-tcp.txt').split('\n');
  const row = proc.findIndex((l) => /^\s*\d+:/.test(l));
  const cols = proc[row].trim().split(/\s+/);
  const moved = proc.slice();
  moved[row] = proc[row].replace(` ${cols[7]} `, ' 1001 ');
  const rec = new LogParser();
  const recs = moved.map((l, i) => rec.parseLine(l, i + 1));
  assert.equal(recs[row]?.uid, 1001);
});

test('ss -tani / -tanm: the indented tcp_info line attaches to the socket above it', () => {
  for (const file of ['ss-tani.txt', 'ss-tanm.txt']) {
    const { text, records } = parse(file);
    const lines = text.split('\n');
    // Request (SYN-RECV) and timewait sockets (TIME-WAIT, orphaned FIN-WAIT-2) have no tcp_info:
    // ss prints a blank indented line under them. Every other socket gets its line attached.
    for (const r of records) {
      const next = lines[r.line] ?? '';
      if (next.trim() === '') assert.equal(r.info, undefined, `line ${r.line}`);
      else {
        assert.equal(r.infoLine, r.line + 1);
        assert.equal(r.info, next.trim());
      }
    }
    const minis = records.filter((r) => r.info === undefined);
    assert.ok(minis.every((r) => ['SYN_RECEIVED', 'TIME_WAIT', 'FIN_WAIT_2'].includes(r.state)));
    const withInfo = records.filter((r) => r.info !== undefined);
    assert.ok(withInfo.length > 40);
    if (file === 'ss-tanm.txt') assert.ok(withInfo.every((r) => r.info?.startsWith('skmem:(')));
  }
});

test('netstat -tanpe / -tanpo / -tanoee: user, inode, PID/Program and timers', () => {
  const pe = parse('netstat-tanpe.txt').records;
  for (const r of pe) {
    assert.equal(r.user, '0');
    assert.equal(r.uid, 0);
    if (r.processes.length) assert.deepEqual(r.processes, [{ name: 'python3', pid: truth.mainPid }]);
  }
  assert.ok(pe.filter((r) => r.processes.length).length > 20);
  const po = parse('netstat-tanpo.txt').records;
  for (const r of po) {
    assert.ok(r.timer, `line ${r.line}`);
    if (r.state === 'TIME_WAIT') assert.equal(r.timer.kind, 'timewait');
    if (r.state === 'LISTEN') assert.deepEqual([r.timer.kind, r.timer.seconds], ['off', 0]);
  }
  const oee = parse('netstat-tanoee.txt').records;
  assert.ok(oee.every((r) => r.timer !== undefined && r.user === '0' && r.processes.length === 0));
});

test('/proc/net/tcp and tcp6: little-endian hex addresses, hex states, queues, timers in USER_HZ ticks', () => {
  const v4 = parse('proc-net-tcp.txt');
  const v6 = parse('proc-net-tcp6.txt');
  assert.deepEqual(
    sorted(v4.records.map(recordKey)),
    sorted(truth.sockets.filter((s) => !isV6(s)).map(truthFor)),
  );
  assert.deepEqual(
    sorted(v6.records.map(recordKey)),
    sorted(
      truth.sockets.filter(isV6).map((s) => (s.case === 'listen-dualstack' ? truthFor(s) : truthFor(s))),
    ),
  );
  assert.deepEqual(stateRangesHold(v4.text, v4.records), []);
  const backlog = v4.records.find((r) => r.state === 'LISTEN' && r.local.port === '5009');
  assert.equal(backlog?.recvQ, 2);
  for (const r of [...v4.records, ...v6.records]) {
    assert.equal(r.format, 'proc');
    if (r.state === 'TIME_WAIT') {
      assert.equal(r.timer?.kind, 'timewait');
      assert.ok((r.timer.seconds ?? 0) > 30 && (r.timer.seconds ?? 99) <= 60);
    }
  }
  const mapped = v6.records.find((r) => r.local.v4mapped);
  assert.ok(mapped, 'a v4-mapped socket');
});

test('lsof -nP -iTCP: one row per (process, fd) for every owned socket, escaped names, inode', () => {
  const { text, records } = parse('lsof-nP-iTCP.txt');
  assert.deepEqual(stateRangesHold(text, records), []);
  const owned = truth.sockets.filter((s) => s.owned).map(truthFor);
  assert.deepEqual(sorted([...new Set(records.map(recordKey))]), sorted([...new Set(owned)]));
  for (const r of records) {
    assert.equal(r.processes.length, 1);
    assert.ok([truth.mainPid, truth.childPid].includes(r.processes[0].pid ?? -1));
    assert.ok(r.processes[0].name === 'tcpcap-ma' || r.processes[0].name === 'we"ird', r.processes[0].name);
    assert.ok((r.inode ?? 0) > 0);
  }
  assert.equal(records.length, 2 * new Set(records.map((r) => `${r.processes[0].fd}`)).size);
});

test('conntrack -L: ORIGINAL direction = the client → server tuple the script opened', () => {
  const { text, records } = parse('conntrack-L-p-tcp.txt');
  assert.deepEqual(stateRangesHold(text, records), []);
  const clientSides = new Set(truth.sockets.map((s) => `${s.local} ${s.remote}`));
  assert.equal(records.length, text.split('\n').filter((l) => l.startsWith('tcp ')).length);
  for (const r of records) {
    assert.equal(r.format, 'conntrack');
    assert.ok(
      clientSides.has(`${formatEndpoint(r.local)} ${formatEndpoint(r.remote)}`) || r.conntrack?.unreplied,
      recordKey(r),
    );
    assert.ok((r.conntrack?.ttl ?? -1) >= 0);
  }
  const synSent = records.filter((r) => r.state === 'SYN_SENT');
  assert.ok(synSent.length >= 2 && synSent.every((r) => r.conntrack?.unreplied === true));
});

interface TimelineTruth {
  readonly client: { readonly local: string; readonly remote: string; readonly path: readonly string[] };
  readonly server: { readonly local: string; readonly remote: string; readonly path: readonly string[] };
}

test('time series: snapshots per `date` line and the observed paths of client and server', () => {
  const text = readFixture('linux/timeseries-ss-tanpo.log');
  const t = readJson<TimelineTruth>('linux/timeseries-ss-tanpo.truth.json');
  const result = parseLog(text);
  const lines = text.split('\n');
  const dateLines = lines
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => /^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4}$/.test(l));
  assert.equal(result.snapshots.length, dateLines.length);
  result.snapshots.forEach((s, i) => {
    assert.equal(s.startLine, dateLines[i][1]);
    assert.equal(s.time, dateLines[i][0]);
    if (i > 0) assert.equal(result.snapshots[i - 1].endLine, s.startLine - 1);
  });
  const path = (local: string, remote: string): string[] => {
    const out: string[] = [];
    for (const r of result.records) {
      if (
        formatEndpoint(r.local) === local &&
        formatEndpoint(r.remote) === remote &&
        out[out.length - 1] !== r.state
      )
        out.push(r.state);
    }
    return out;
  };
  assert.deepEqual(path(t.client.local, t.client.remote), t.client.path);
  assert.deepEqual(path(t.server.local, t.server.remote), t.server.path);
  for (const r of result.records) {
    assert.equal(r.time, result.snapshots[r.snapshot ?? -1].time);
    assert.ok(
      r.line > result.snapshots[r.snapshot ?? -1].startLine &&
        r.line <= result.snapshots[r.snapshot ?? -1].endLine,
    );
  }
});
