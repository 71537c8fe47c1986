// Node (unit tier): the live capture sources — /proc read as files, fixed commands per platform, fallbacks, owners.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatEndpoint } from '../../../core/parse/address';
import { parseLog } from '../../../core/parse/logParser';
import type { ConnectionRecord } from '../../../core/parse/types';
import type { CommandRunner } from '../../../node/capture/captureTypes';
import { NoSourceError, openSource, PROC_ROWS_LIMIT, sourceOrder } from '../../../node/capture/chooseSource';
import { COMMANDS, ssPortFilter } from '../../../node/capture/tableSources';
import { procRowKey, RowCache } from '../../../node/capture/rowCache';
import { effectiveCaps, mayTrace } from '../../../node/capture/tcpstatesTool';

const fixtures = join(__dirname, '..', '..', 'fixtures');
const fixture = (...p: string[]): string => readFileSync(join(fixtures, ...p), 'utf8');
const read = (p: string): Promise<string> => readFile(p, 'latin1');

/** A /proc with the real tcp and tcp6 captures, and one process holding the first socket's inode. */
function fakeProc(): { root: string; inode: number } {
  const root = mkdtempSync(join(tmpdir(), 'tcp-states-proc-'));
  mkdirSync(join(root, 'net'));
  writeFileSync(join(root, 'net', 'tcp'), fixture('linux', 'proc-net-tcp.txt'));
  writeFileSync(join(root, 'net', 'tcp6'), fixture('linux', 'proc-net-tcp6.txt'));
  const inode = Number(fixture('linux', 'proc-net-tcp.txt').split('\n')[1].trim().split(/\s+/)[9]);
  mkdirSync(join(root, '4242', 'fd'), { recursive: true });
  writeFileSync(join(root, '4242', 'comm'), 'webd\n');
  symlinkSync('/dev/null', join(root, '4242', 'fd', '0'));
  symlinkSync(`socket:[${inode}]`, join(root, '4242', 'fd', '7'));
  symlinkSync('socket:[1]', join(root, '4242', 'fd', '8'));
  mkdirSync(join(root, '4243')); // a process that went away between readdir and its fd listing
  return { root, inode };
}

const noCommands: CommandRunner = (file) =>
  Promise.reject(Object.assign(new Error(file), { code: 'ENOENT' }));

void test('Linux without owners reads /proc/net/tcp and tcp6 as files and starts no process', async () => {
  const { root } = fakeProc();
  const { source, first } = await openSource({
    platform: 'linux',
    owners: false,
    run: noCommands,
    read,
    procRoot: root,
  });
  assert.equal(source.name, 'proc');
  const expected = parseLog(
    fixture('linux', 'proc-net-tcp.txt') + fixture('linux', 'proc-net-tcp6.txt'),
  ).records;
  assert.ok(expected.length > 10);
  const view = (r: ConnectionRecord): string =>
    `${r.state} ${formatEndpoint(r.local)} ${formatEndpoint(r.remote)}`;
  assert.deepEqual(first.records.map(view), expected.map(view));
  assert.ok(first.records.some((r) => r.proto === 'tcp6'));
  assert.ok(first.records.every((r) => r.processes.length === 0));
});

void test('owners from /proc/PID/fd: the socket inode gives name (comm), pid and fd', async () => {
  const { root, inode } = fakeProc();
  const { source, first } = await openSource({
    platform: 'linux',
    owners: true,
    only: 'proc',
    run: noCommands,
    read,
    procRoot: root,
  });
  assert.equal(source.describe, `${root}/net/tcp, tcp6 + ${root}/*/fd`);
  const owned = first.records.filter((r) => r.processes.length > 0);
  assert.equal(owned.length, 1);
  assert.equal(owned[0].inode, inode);
  assert.deepEqual(owned[0].processes, [{ name: 'webd', pid: 4242, fd: 7 }]);
});

void test('sources cheapest first per platform, each a fixed argument array; fallback when /proc is unreadable', async () => {
  assert.deepEqual(sourceOrder('linux', false), ['proc', 'ss', 'netstat']);
  assert.deepEqual(sourceOrder('linux', true), ['ss', 'proc', 'netstat']);
  assert.deepEqual(sourceOrder('darwin', true), ['netstat-bsd']);
  assert.deepEqual(sourceOrder('win32', false), ['netstat-windows']);
  assert.deepEqual(COMMANDS['netstat-bsd'].plain, ['netstat', '-anv', '-p', 'tcp']);
  assert.deepEqual(COMMANDS['netstat-windows'].plain, ['netstat', '-ano']);
  assert.deepEqual(COMMANDS.ss.owners, ['ss', '-tanpH']);
  assert.deepEqual(
    sourceOrder('linux', false, '8080'),
    ['ss', 'proc', 'netstat'],
    'a port filter: ss filters in the kernel',
  );
  assert.deepEqual(ssPortFilter('8080'), ['(', 'sport', '=', ':8080', 'or', 'dport', '=', ':8080', ')']);
  for (const bad of ['80; rm -rf /', '0', '65536', '', '$(id)'])
    assert.throws(() => ssPortFilter(bad), /not a port/);

  const calls: string[][] = [];
  const ssOnly: CommandRunner = (file, args) => {
    calls.push([file, ...args]);
    if (file !== 'ss') return noCommands(file, args);
    return Promise.resolve(fixture('linux', 'ss-tan.txt').split('\n').slice(1).join('\n'));
  };
  const noProc = (): Promise<string> =>
    Promise.reject(Object.assign(new Error('EACCES'), { code: 'EACCES' }));
  const { source, first } = await openSource({ platform: 'linux', owners: false, run: ssOnly, read: noProc });
  assert.equal(source.describe, 'ss -tanH');
  assert.deepEqual(calls, [['ss', '-tanH']]);
  assert.equal(first.records.length, parseLog(fixture('linux', 'ss-tan.txt')).records.length);

  await assert.rejects(
    openSource({ platform: 'linux', owners: false, run: noCommands, read: noProc }),
    (err: unknown) =>
      err instanceof NoSourceError &&
      err.tried.length === 3 &&
      /ss -tanH: not found/.test(err.message) &&
      /netstat -tan: not found/.test(err.message),
  );
});

void test('macOS netstat -anv -p tcp and Windows netstat -ano (CRLF) give their rows with pids', async () => {
  for (const [platform, file] of [
    ['darwin', 'macos-netstat-anv-p-tcp'],
    ['win32', 'windows-netstat-ano'],
  ] as const) {
    const truth = JSON.parse(fixture('public', `${file}.truth.json`)) as {
      state: string;
      local: string;
      pid?: number;
    }[];
    const run: CommandRunner = () => Promise.resolve(fixture('public', `${file}.txt`));
    const { first } = await openSource({ platform, owners: false, run, read });
    assert.deepEqual(
      first.records.map((r) => [r.state, formatEndpoint(r.local), r.pid]),
      truth.map((t) => [t.state, t.local, t.pid]),
      file,
    );
  }
});

void test('bcc tcpstates is offered only with CAP_SYS_ADMIN, or CAP_BPF and CAP_PERFMON', () => {
  assert.equal(effectiveCaps('Name:\tx\nCapEff:\t000001ffffffffff\n'), 0x1ffffffffffn);
  assert.equal(mayTrace(effectiveCaps('CapEff:\t000001ffffffffff\n')), true);
  assert.equal(mayTrace(1n << 21n), true);
  assert.equal(mayTrace((1n << 39n) | (1n << 38n)), true);
  assert.equal(mayTrace(1n << 39n), false);
  assert.equal(mayTrace(effectiveCaps('CapEff:\t0000000000000000\n')), false);
});

void test('auto on Linux: /proc while the table is small, ss -tanH above PROC_ROWS_LIMIT sockets, back below half', async () => {
  const row = (i: number): string =>
    `${String(i).padStart(4)}: 0100007F:${(10000 + i).toString(16).toUpperCase()} 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 ${1000 + i} 1 0000000000000000 20 4 30 10 -1`;
  const procTable = (n: number): string =>
    [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      ...Array.from({ length: n }, (_, i) => row(i)),
    ].join('\n');
  let rows = 10;
  const ssCalls: string[] = [];
  const run: CommandRunner = (file, args) => {
    ssCalls.push([file, ...args].join(' '));
    return Promise.resolve(
      Array.from({ length: rows }, (_, i) => `ESTAB 0 0 127.0.0.1:${10000 + i} 127.0.0.1:8080`).join('\n'),
    );
  };
  const read = (p: string): Promise<string> => Promise.resolve(p.endsWith('tcp6') ? '' : procTable(rows));
  const { source, first } = await openSource({ platform: 'linux', owners: false, run, read });
  assert.equal(first.records.length, 10);
  assert.equal(source.name, 'proc');
  rows = PROC_ROWS_LIMIT + 1;
  assert.equal((await source.snapshot()).records.length, PROC_ROWS_LIMIT + 1);
  assert.equal(source.name, 'ss', 'the next poll runs ss');
  assert.match(source.describe, /^ss -tanH \(more than \d+ sockets\)$/);
  assert.equal((await source.snapshot()).records.length, PROC_ROWS_LIMIT + 1);
  assert.deepEqual(ssCalls, ['ss -tanH']);
  rows = 100;
  await source.snapshot();
  assert.equal(source.name, 'proc');
  assert.equal((await source.snapshot()).records.length, 100);
  assert.equal(ssCalls.length, 2);
});

void test('a /proc row is reused while only its timers change; any other change parses it again', () => {
  const row =
    '   0: 0100007F:1F90 0100007F:A0B2 01 00000000:00000000 02:000004E1 00000000  1000        0 53310 1 ffff 20 4 30 10 -1';
  const timerMoved = row.replace('02:000004E1 00000000', '02:00000397 00000001');
  assert.equal(procRowKey(timerMoved), procRowKey(row));
  assert.equal(procRowKey(row), '0100007F:1F90 0100007F:A0B2 01 00000000:00000000|1000        0 53310');
  assert.notEqual(procRowKey(row.replace(' 01 ', ' 08 ')), procRowKey(row), 'state');
  assert.notEqual(
    procRowKey(row.replace('00000000:00000000', '00000000:00000001')),
    procRowKey(row),
    'queue',
  );
  const cache = new RowCache(procRowKey);
  const header =
    '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
  cache.begin();
  const [a] = cache.parse(`${header}\n${row}\n`, []);
  cache.end();
  cache.begin();
  const [b] = cache.parse(`${header}\n${timerMoved}\n`, []);
  cache.end();
  assert.equal(b, a, 'the same record object');
  assert.equal(a.state, 'ESTABLISHED');
  cache.begin();
  const [c] = cache.parse(`${header}\n${row.replace(' 01 ', ' 08 ')}\n`, []);
  cache.end();
  assert.equal(c.state, 'CLOSE_WAIT');
});
