// Node (unit tier): the byte-level ss/netstat row scanner (LogParser.parseRange) makes exactly what the general path makes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LogParser } from '../../../core/parse/logParser';
import type { ConnectionRecord, KernelEvent, SnapshotInfo } from '../../../core/parse/types';
import { LineSplitter } from '../../../cli/lineReader';
import { fixtures, readFixture } from '../support/helpers';

interface Outcome {
  records: (ConnectionRecord | undefined)[];
  snapshots: SnapshotInfo[];
  kernelEvents: KernelEvent[];
}

/** Every line through parseLine, as the editor and `parse` do. */
function general(lines: readonly string[]): Outcome {
  const p = new LogParser();
  const records = lines.map((l, i) => p.parseLine(l.endsWith('\r') ? l.slice(0, -1) : l, i + 1));
  return { records, snapshots: p.snapshots, kernelEvents: p.kernelEvents };
}

/** The same lines as ranges of one text (each line followed by the rest of the input), with bytes when ASCII. */
function ranged(lines: readonly string[]): Outcome {
  const text = lines.join('\n');
  const ascii = Buffer.from(text, 'utf8').every((c) => c < 128);
  const bytes = ascii ? Buffer.from(text, 'latin1') : undefined;
  const p = new LogParser();
  const records: (ConnectionRecord | undefined)[] = [];
  let start = 0;
  for (let i = 0; i < lines.length; i++) {
    const stop = start + lines[i].length;
    const end = stop > start && text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
    records.push(p.parseRange(text, bytes, start, end, i + 1));
    start = stop + 1;
  }
  return { records, snapshots: p.snapshots, kernelEvents: p.kernelEvents };
}

/** Deep equality that also holds key order (JSON output and Object.keys see it). */
function same(a: Outcome, b: Outcome, what: string): void {
  assert.deepStrictEqual(b, a, what);
  assert.equal(JSON.stringify(b), JSON.stringify(a), what);
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : /\.(json|md)$/.test(n) ? [] : [p];
  });
}

const files = [...walk(fixtures), ...walk(join(fixtures, '..', '..', 'samples'))];

test('fast rows: every fixture and sample file parses the same through parseRange', () => {
  let fast = 0;
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    const a = general(lines);
    const b = ranged(lines);
    same(a, b, file);
    fast += b.records.filter((r) => r && (r.format === 'ss' || r.format === 'netstat')).length;
  }
  assert.ok(fast > 500, `only ${fast} ss/netstat rows seen`);
});

test('fast rows: the CLI line splitter hands the same ranges, CRLF included', () => {
  const text =
    readFixture('linux/ss-tanpo.txt') + readFixture('linux/netstat-tanpo.txt').replace(/\n/g, '\r\n');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const a = general(lines);
  const p = new LogParser();
  const records: (ConnectionRecord | undefined)[] = [];
  const splitter = new LineSplitter(
    (t, bytes, s, e, n) => void records.push(p.parseRange(t, bytes, s, e, n)),
    true,
  );
  splitter.push(Buffer.from(text, 'utf8'));
  splitter.finish();
  same(a, { records, snapshots: p.snapshots, kernelEvents: p.kernelEvents }, 'splitter');
});

/** A deterministic generator, so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const PIECES = [
  ' ',
  '\t',
  '  ',
  ':',
  '.',
  '/',
  '(',
  ')',
  ',',
  '"',
  '6',
  '0',
  '00',
  '99999',
  '1.5',
  '-',
  '*',
  '[',
  ']',
  '%lo',
  'users:((',
  '",pid=',
  ',fd=',
  'timer:(',
  'uid:',
  'ino:',
  'off (0.00/0/0)',
  'keepalive',
  'ESTAB',
  'LISTEN',
  'TIME_WAIT',
  'tcp6',
  'ms',
  'sec',
  '\r',
  'É',
];

function mutate(line: string, rand: () => number): string {
  let s = line;
  const edits = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(rand() * (s.length + 1));
    const op = rand();
    if (op < 0.35) s = s.slice(0, at) + PIECES[Math.floor(rand() * PIECES.length)] + s.slice(at);
    else if (op < 0.6) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 6));
    else if (op < 0.75) s = s.slice(0, at);
    else if (op < 0.9)
      s = s.slice(0, at) + s.charAt(at).replace(/\d/, String(Math.floor(rand() * 10))) + s.slice(at + 1);
    else s = s.replace(/ +/, (m) => (m.length > 1 ? ' ' : '\t'));
  }
  return s;
}

test('fast rows: mutated ss and netstat rows parse the same through parseRange', () => {
  const rows = [
    'linux/ss-tanpo.txt',
    'linux/ss-tanoe.txt',
    'linux/ss-tani.txt',
    'linux/netstat-tanpo.txt',
    'linux/netstat-tanpe.txt',
    'linux/netstat-tanoee.txt',
    'public/nettools-glued-timer-netstat-tanpo.txt',
  ]
    .flatMap((f) => readFixture(f).split('\n'))
    .filter((l) => /^(tcp|[A-Z])/.test(l));
  const headers = [
    [],
    [
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name     Timer',
    ],
    [
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer',
    ],
    ['State      Recv-Q Send-Q Local Address:Port   Peer Address:Port Process'],
  ];
  const rand = rng(7);
  for (let i = 0; i < 6000; i++) {
    const a = rows[Math.floor(rand() * rows.length)];
    const b = rows[Math.floor(rand() * rows.length)];
    const lines = [...headers[i % headers.length], mutate(a, rand), mutate(b, rand), b];
    same(general(lines), ranged(lines), JSON.stringify(lines));
  }
});

test('fast rows: a port that no tool prints (empty, 70000, -1, six or 400 digits) leaves the row unrecognised on both paths', () => {
  const ssRow = readFixture('linux/ss-tanpo.txt').split('\n')[13];
  const netstatRow = readFixture('linux/netstat-tanpo.txt').split('\n')[14];
  const bccRows = readFixture('public/bcc-tcpstates.txt').split('\n').slice(0, 3);
  // The untouched rows are recognised, so a missing record below is the port's doing.
  assert.ok(general([ssRow]).records[0], 'real ss row');
  assert.ok(general([netstatRow]).records[0], 'real netstat row');
  assert.ok(general(bccRows).records[2], 'real bcc row');
  for (const bad of ['', '70000', '-1', '065536', '123456', '9'.repeat(400), '5O09']) {
    const ss = ssRow.replace('127.0.0.1:5009', `127.0.0.1:${bad}`);
    const netstat = netstatRow.replace('127.0.0.1:5009', `127.0.0.1:${bad}`);
    for (const lines of [[ss], [netstat]]) {
      const a = general(lines);
      same(a, ranged(lines), JSON.stringify(lines));
      assert.equal(a.records[0], undefined, JSON.stringify(lines));
    }
    if (bad !== '') {
      const bcc = [...bccRows.slice(0, 2), bccRows[2].replace(' 63446 ', ` ${bad} `)];
      assert.equal(general(bcc).records[2], undefined, JSON.stringify(bcc));
    }
  }
  // The edges that are real ports stay recognised: 0, 65535, and the wildcard.
  for (const good of ['0', '65535', '*']) {
    const lines = [ssRow.replace('127.0.0.1:5009', `127.0.0.1:${good}`)];
    const a = general(lines);
    same(a, ranged(lines), good);
    assert.ok(a.records[0], good);
  }
});
