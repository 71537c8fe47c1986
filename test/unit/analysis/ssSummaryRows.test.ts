// Node (unit tier): `summary`'s byte-level ss rows (ssSummaryRows) count and diagnose exactly what the general path does.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosisCollector } from '../../../core/analysis/diagnosisCollector';
import { DEFAULT_DIAGNOSIS_OPTIONS, type DiagnosisOptions } from '../../../core/analysis/diagnosis';
import { SsSummaryRows } from '../../../core/analysis/ssSummaryRows';
import { SummaryBuilder } from '../../../core/analysis/summary';
import { LogParser } from '../../../core/parse/logParser';
import { fixtures, readFixture } from '../support/helpers';

/** Every threshold at its lowest, so every group becomes a finding and shows its counts and lines. */
const LOW: DiagnosisOptions = {
  ...DEFAULT_DIAGNOSIS_OPTIONS,
  closeWaitThreshold: 1,
  timeWaitThreshold: 1,
  synRecvThreshold: 1,
  synSentThreshold: 1,
  lastAckThreshold: 1,
  finWait2Threshold: 1,
  sendQThreshold: 1,
};

interface Run {
  readonly out: string;
  readonly fast: number;
}

/** The lines of `text` through parseLine + add (general) or offered to SsSummaryRows first (fast). */
function run(text: string, fastPath: boolean): Run {
  const parser = new LogParser();
  const builder = new SummaryBuilder();
  const collector = new DiagnosisCollector(LOW);
  const rows = new SsSummaryRows(parser, builder, collector, (b, s, e) =>
    Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8', s, e),
  );
  const bytes = Buffer.from(text, 'utf8');
  let fast = 0;
  let s = 0;
  let n = 0;
  while (s <= bytes.length) {
    let nl = bytes.indexOf(10, s);
    if (nl < 0) nl = bytes.length;
    const e = nl > s && bytes[nl - 1] === 13 ? nl - 1 : nl;
    n++;
    if (fastPath && rows.row(bytes, s, e, n)) fast++;
    else {
      const r = parser.parseLine(bytes.toString('utf8', s, e), n);
      if (r !== undefined) {
        builder.add(r);
        collector.add(r);
      }
    }
    s = nl + 1;
  }
  for (const ev of parser.kernelEvents) collector.addKernelEvent(ev);
  const summary = builder.result(parser.snapshots, { top: 50 });
  return { out: JSON.stringify({ summary, findings: collector.findings(), snaps: parser.snapshots }), fast };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : /\.(json|md)$/.test(name) ? [] : [p];
  });
}

test('ss summary rows: every fixture and sample gives the same summary and findings as the general path', () => {
  let fast = 0;
  for (const file of [...walk(fixtures), ...walk(join(fixtures, '..', '..', 'samples'))]) {
    const text = readFileSync(file, 'utf8');
    const b = run(text, true);
    assert.equal(b.out, run(text, false).out, file);
    fast += b.fast;
  }
  assert.ok(fast > 300, `only ${fast} rows took the byte path`);
});

/** A deterministic generator, so a failure reproduces. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

const PIECES = [
  ' ',
  '\t',
  ':',
  '[',
  ']',
  '%lo',
  '0',
  '*',
  '99999',
  '",pid=',
  'users:((',
  'timer:(',
  ')',
  ',',
  '\r',
  'É',
  'TIMEWAIT',
  'persist',
];

function mutate(line: string, rand: () => number): string {
  let s = line;
  const edits = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < edits; k++) {
    const at = Math.floor(rand() * (s.length + 1));
    const op = rand();
    if (op < 0.4) s = s.slice(0, at) + PIECES[Math.floor(rand() * PIECES.length)] + s.slice(at);
    else if (op < 0.65) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(rand() * 6));
    else if (op < 0.8) s = s.slice(0, at);
    else s = s.slice(0, at) + s.charAt(at).replace(/\d/, String(Math.floor(rand() * 10))) + s.slice(at + 1);
  }
  return s;
}

test('ss summary rows: mutated ss rows (IPv6, scopes, owners, timers, CR, non-ASCII) agree with the general path', () => {
  const rows = ['linux/ss-tanpo.txt', 'linux/ss-tanoe.txt', 'linux/ss-tani.txt']
    .flatMap((f) => readFixture(f).split('\n'))
    .filter((l) => /^[A-Z]/.test(l) && !l.startsWith('State'));
  const header = 'State      Recv-Q Send-Q Local Address:Port   Peer Address:Port Process';
  const rand = rng(11);
  let fast = 0;
  for (let i = 0; i < 400; i++) {
    const lines = [header];
    for (let k = 0; k < 20; k++) {
      const row = rows[Math.floor(rand() * rows.length)];
      lines.push(rand() < 0.5 ? mutate(row, rand) : row);
    }
    const text = lines.join('\n');
    const b = run(text, true);
    assert.equal(b.out, run(text, false).out, text);
    fast += b.fast;
  }
  assert.ok(fast > 2000, `only ${fast} rows took the byte path`);
});
