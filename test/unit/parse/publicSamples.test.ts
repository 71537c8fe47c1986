// Node (unit tier): parsers against public samples of tools we cannot run here (see *.source.md).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { formatEndpoint } from '../../../core/parse/address';
import { parseLog } from '../../../core/parse/logParser';
import { fixtures, readFixture, readJson, stateRangesHold } from '../support/helpers';

interface TruthRow {
  readonly line: number;
  readonly state: string;
  readonly rawState: string;
  readonly local: string;
  readonly remote: string;
  readonly pid?: number;
  readonly process?: string;
  readonly from?: string;
  readonly time?: string;
  readonly timerKind?: string;
  readonly timerSeconds?: number;
}

const files = readdirSync(join(fixtures, 'public')).filter((f) => f.endsWith('.txt'));

test('there is a public sample for every dialect we cannot capture here', () => {
  for (const prefix of [
    'macos-',
    'freebsd-',
    'windows-netstat-ano',
    'windows-netstat-abno',
    'windows-de-',
    'nettools-de',
    'nettools-cs',
    'nettools-pt_BR',
    'nettools-sv',
    'nettools-glued',
    'bcc-tcpstates.txt',
    'bcc-tcpstates-T',
    'bcc-tcpstates-t',
    'bcc-tcpstates-sTt',
    'freebsd-netstat-AanP',
    'freebsd-netstat-Aax',
    'macos-netstat-An.txt',
    'macos-netstat-Abn',
    'macos-netstat-anv-gencnt',
    'macos-netstat-anv-process-pid',
    'powershell-get-nettcpconnection.txt',
    'powershell-get-nettcpconnection-fl',
    'powershell-get-nettcpconnection-datacenter',
  ]) {
    assert.ok(
      files.some((f) => f.startsWith(prefix)),
      prefix,
    );
  }
});

for (const file of files) {
  test(`${file}: every connection line and nothing else, as the truth table says`, () => {
    const text = readFixture(`public/${file}`);
    const truth = readJson<TruthRow[]>(`public/${file.replace(/\.txt$/, '.truth.json')}`);
    const { records } = parseLog(text);
    assert.deepEqual(
      records.map((r) => r.line),
      truth.map((t) => t.line),
    );
    assert.deepEqual(stateRangesHold(text, records), []);
    records.forEach((r, i) => {
      const t = truth[i];
      assert.deepEqual(
        [r.state, r.rawState, formatEndpoint(r.local), formatEndpoint(r.remote)],
        [t.state, t.rawState, t.local, t.remote],
        `line ${t.line}`,
      );
      if (t.pid !== undefined) assert.equal(r.pid, t.pid, `pid line ${t.line}`);
      if (t.process !== undefined) assert.deepEqual(r.processes, [{ name: t.process, pid: t.pid }]);
      else if (file.includes('windows')) assert.deepEqual(r.processes, []);
      if (t.from !== undefined) assert.equal(r.from, t.from);
      if (t.time !== undefined) assert.equal(r.time, t.time);
      if (t.timerKind !== undefined)
        assert.deepEqual([r.timer?.kind, r.timer?.seconds], [t.timerKind, t.timerSeconds]);
    });
  });
}

test('Windows files are CRLF and parse the same as with LF', () => {
  for (const file of files.filter((f) => f.startsWith('windows'))) {
    const text = readFixture(`public/${file}`);
    assert.ok(text.includes('\r\n'));
    const crlf = parseLog(text).records;
    const lf = parseLog(text.replace(/\r\n/g, '\n')).records;
    assert.deepEqual(crlf, lf);
  }
});

test('German Windows: the CP850-mangled ABH™REN is LISTEN, and so is ABHÖREN', () => {
  const records = parseLog(readFixture('public/windows-de-netstat-ano.txt')).records;
  assert.deepEqual(
    records.filter((r) => r.rawState.startsWith('ABH')).map((r) => [r.rawState, r.state]),
    [
      ['ABH™REN', 'LISTEN'],
      ['ABHÖREN', 'LISTEN'],
    ],
  );
});

test('tcpstates: a transition log — from/to, C-COMM with a space, no process for pid 0', () => {
  const records = parseLog(readFixture('public/bcc-tcpstates.txt')).records;
  assert.deepEqual(
    records.map((r) => `${r.from}->${r.state}`),
    [
      'CLOSED->SYN_SENT',
      'SYN_SENT->ESTABLISHED',
      'ESTABLISHED->FIN_WAIT_1',
      'FIN_WAIT_1->FIN_WAIT_2',
      'FIN_WAIT_2->CLOSED',
      'LISTEN->SYN_RECEIVED',
      'CLOSE_WAIT->LAST_ACK',
    ],
  );
  assert.deepEqual(records[0].processes, [{ name: 'curl', pid: 22384 }]);
  assert.deepEqual(records[1].processes, []);
  assert.deepEqual(records[6].processes, [{ name: 'Web Conten', pid: 4242 }]);
  assert.equal(records[0].rawFrom, 'CLOSE');
});

test('netstat -A / -b / -v extras: no PCB, Flowhash, byte count or buffer size is read as a pid', () => {
  for (const file of ['macos-netstat-An.txt', 'macos-netstat-Abn.txt', 'freebsd-netstat-AanP.txt']) {
    const records = parseLog(readFixture(`public/${file}`)).records;
    assert.ok(records.length > 0, file);
    assert.deepEqual(
      records.filter((r) => r.pid !== undefined).map((r) => r.line),
      [],
      file,
    );
  }
  // The same rows pasted without their header: the row shape alone says where Proto is.
  const text = readFixture('public/macos-netstat-Abn.txt');
  const headless = text.split('\n').slice(2).join('\n');
  const withHeader = parseLog(text).records.map((r) => [r.state, formatEndpoint(r.local), r.pid]);
  const without = parseLog(headless).records.map((r) => [r.state, formatEndpoint(r.local), r.pid]);
  assert.deepEqual(without, withHeader);
});

test('Get-NetTCPConnection rows pasted without their header parse the same, pids included', () => {
  for (const file of [
    'powershell-get-nettcpconnection.txt',
    'powershell-get-nettcpconnection-datacenter.txt',
  ]) {
    const text = readFixture(`public/${file}`);
    const lines = text.split('\n');
    const headless = lines
      .map((l) => (l.startsWith('LocalAddress ') || l.startsWith('----') ? '' : l))
      .join('\n');
    const show = (t: string): unknown[] =>
      parseLog(t).records.map((r) => [r.line, r.state, r.rawState, formatEndpoint(r.remote), r.pid]);
    assert.deepEqual(show(headless), show(text), file);
  }
});

test('Get-NetTCPConnection: PascalCase states only, and a wrong template word or a name is no row', () => {
  const row = (state: string, setting: string): string =>
    `10.23.0.2           49701     52.177.165.30      443        ${state} ${setting}       2988`;
  const cases: [string, string | undefined][] = [
    ['Listen', 'LISTEN'],
    ['SynSent', 'SYN_SENT'],
    ['SynReceived', 'SYN_RECEIVED'],
    ['Established', 'ESTABLISHED'],
    ['FinWait1', 'FIN_WAIT_1'],
    ['FinWait2', 'FIN_WAIT_2'],
    ['CloseWait', 'CLOSE_WAIT'],
    ['Closing', 'CLOSING'],
    ['LastAck', 'LAST_ACK'],
    ['TimeWait', 'TIME_WAIT'],
    ['Bound', 'CLOSED'],
    ['Closed', 'CLOSED'],
    ['DeleteTCB', 'CLOSED'],
    ['ESTABLISHED', undefined],
    ['established', undefined],
  ];
  for (const [state, want] of cases) {
    assert.equal(parseLog(row(state, 'Internet')).records[0]?.state, want, state);
  }
  assert.equal(parseLog(row('Established', 'Elsewhere')).records.length, 0);
  assert.equal(parseLog(row('Established', 'Datacenter')).records[0]?.pid, 2988);
  assert.equal(parseLog('example.com  443  10.0.0.1  5000  Established Internet  12').records.length, 0);
});
