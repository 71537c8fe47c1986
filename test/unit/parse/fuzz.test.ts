// Node (unit tier): property-based fuzzing of the parser and its cost on pathological input.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { isTcpState } from '../../../core/tcp/types';
import { LogParser, parseLog } from '../../../core/parse/logParser';
import type { ConnectionRecord } from '../../../core/parse/types';
import { readFixture } from '../support/helpers';

const realLines = [
  'linux/ss-tanpo.txt',
  'linux/ss-tanoe.txt',
  'linux/ss-tani.txt',
  'linux/netstat-tanpo.txt',
  'linux/netstat-tanpe.txt',
  'linux/proc-net-tcp.txt',
  'linux/proc-net-tcp6.txt',
  'linux/lsof-nP-iTCP.txt',
  'linux/conntrack-L-p-tcp.txt',
  'public/macos-netstat-anv-p-tcp.txt',
  'public/windows-netstat-abno.txt',
  'public/windows-de-netstat-ano.txt',
  'public/nettools-glued-timer-netstat-tanpo.txt',
  'public/nettools-cs-netstat-tan.txt',
  'public/bcc-tcpstates-T.txt',
  'public/bcc-tcpstates-sTt.txt',
].flatMap((f) => readFixture(f).split('\n'));

function wellFormed(r: ConnectionRecord, line: string, n: number): void {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  assert.ok(isTcpState(r.state), r.state);
  assert.equal(r.line, n);
  assert.ok(r.line >= 1);
  assert.ok(
    r.stateStart < r.stateEnd && r.stateEnd <= text.length,
    `${r.stateStart}-${r.stateEnd} in ${text.length}`,
  );
  assert.equal(text.slice(r.stateStart, r.stateEnd), r.rawState);
  assert.ok(typeof r.local.host === 'string' && typeof r.local.port === 'string');
  assert.ok(typeof r.remote.host === 'string' && typeof r.remote.port === 'string');
  assert.ok(Array.isArray(r.processes));
  if (r.from !== undefined) assert.ok(isTcpState(r.from));
}

function check(lines: string[]): void {
  const p = new LogParser();
  lines.forEach((line, i) => {
    const r = p.parseLine(line, i + 1);
    if (r) wellFormed(r, line, i + 1);
  });
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), s: fc.string({ maxLength: 6 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('dup' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }) }),
  fc.record({
    kind: fc.constant('char' as const),
    at: fc.nat(),
    c: fc.constantFrom(' ', '\t', ':', '.', '(', ')', '"', ',', '[', ']', '%', '-', '>', '\r', '™', '\u0000'),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(line: string, ms: Mutation[]): string {
  let s = line;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.kind === 'insert') s = s.slice(0, at) + m.s + s.slice(at);
    else if (m.kind === 'delete') s = s.slice(0, at) + s.slice(at + m.len);
    else if (m.kind === 'dup') s = s.slice(0, at) + s.slice(at, at + m.len) + s.slice(at);
    else s = s.slice(0, at) + m.c + s.slice(at + 1);
  }
  return s;
}

test('random strings never throw and any record is well formed', () => {
  fc.assert(
    fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 200 }), { maxLength: 20 }), (lines) =>
      check(lines),
    ),
    { numRuns: 500 },
  );
});

test('mutated real lines never throw and any record is well formed', () => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom(...realLines), fc.array(mutation, { maxLength: 4 })), {
        minLength: 1,
        maxLength: 12,
      }),
      (items) => check(items.map(([line, ms]) => mutate(line, ms))),
    ),
    { numRuns: 2000 },
  );
});

test('shuffled real lines (any order, any dialect mix) never throw', () => {
  fc.assert(
    fc.property(fc.shuffledSubarray(realLines, { minLength: 1, maxLength: 60 }), (lines) => {
      check(lines);
      const r = parseLog(lines.join('\n'));
      for (const s of r.snapshots) assert.ok(s.startLine <= s.endLine);
    }),
    { numRuns: 300 },
  );
});

function timeIt(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

test('a 1 MB single line parses in linear time (well under 200 ms)', () => {
  const shapes = [
    `ESTAB 0 0 127.0.0.1:1 127.0.0.1:2 users:((${'("x",pid=1,fd=2),'.repeat(60000)}`,
    `ESTAB 0 0 127.0.0.1:1 127.0.0.1:2 ${'timer:(on,'.repeat(100000)}`,
    `tcp 0 0 1.2.3.4:5 6.7.8.9:10 ESTABLISHED ${'9360/Passenger Ruby '.repeat(50000)}`,
    `  TCP    ${'['.repeat(1_000_000)}`,
    `${'ffffffffffffffff '.repeat(60000)}->`,
    `${'1,'.repeat(500000)}`,
    ' '.repeat(1_000_000) + 'x',
    `${'=== '.repeat(250000)}`,
    `Possible SYN flooding on port ${'9'.repeat(1_000_000)}`,
    `tcp 6 1 ESTABLISHED ${'src=1.2.3.4 '.repeat(80000)}`,
  ];
  for (const line of shapes) {
    const ms = timeIt(() => new LogParser().parseLine(line, 1));
    assert.ok(ms < 200, `${line.slice(0, 30)}… took ${ms.toFixed(1)} ms`);
  }
});

test('parse time grows linearly with the number of lines', () => {
  const block = readFixture('linux/ss-tanpo.txt');
  const small = block.repeat(200);
  const big = block.repeat(2000);
  parseLog(small); // warm up
  const a = timeIt(() => parseLog(small));
  const b = timeIt(() => parseLog(big));
  assert.ok(
    b < a * 10 * 3 + 50,
    `10× input took ${(b / a).toFixed(1)}× (${a.toFixed(1)} → ${b.toFixed(1)} ms)`,
  );
});
