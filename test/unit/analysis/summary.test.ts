// Node (unit tier): counts per state, port, process and snapshot, and the text report.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLog } from '../../../core/parse/logParser';
import { diagnose } from '../../../core/analysis/diagnosis';
import { formatCountsLine, summarize } from '../../../core/analysis/summary';
import { formatSummaryText } from '../../../core/analysis/summaryText';
import { formatLineList } from '../../../core/analysis/summaryText';
import type { ParseResult } from '../../../core/parse/types';
import { makeRecord, many } from '../support/makeRecord';

function input(): ParseResult {
  return {
    records: [
      makeRecord({
        line: 1,
        state: 'LISTEN',
        local: '0.0.0.0:443',
        processes: [
          { name: 'nginx', pid: 1 },
          { name: 'nginx', pid: 2 },
        ],
      }),
      ...many(
        5,
        2,
        {
          state: 'ESTABLISHED',
          local: '10.0.0.1:443',
          remote: '10.0.0.7:1',
          processes: [{ name: 'nginx', pid: 2 }],
        },
        'remote',
      ),
      ...many(12, 10, { state: 'TIME_WAIT', local: '10.0.0.1:1', remote: '10.0.0.9:5432' }),
      makeRecord({
        line: 30,
        state: 'CLOSE_WAIT',
        local: '10.0.0.1:443',
        remote: '10.0.0.8:3',
        processes: [{ name: 'nginx', pid: 2 }],
      }),
    ],
    snapshots: [],
    kernelEvents: [],
  };
}

void test('counts per state in canonical order, per local port and per process', () => {
  const s = summarize(input(), { top: 2 });
  assert.equal(s.total, 19);
  assert.deepEqual(Object.keys(s.states), ['LISTEN', 'ESTABLISHED', 'CLOSE_WAIT', 'TIME_WAIT']);
  assert.deepEqual(s.states, { LISTEN: 1, ESTABLISHED: 5, CLOSE_WAIT: 1, TIME_WAIT: 12 });
  assert.deepEqual(
    s.localPorts.map((e) => [e.key, e.count]),
    [
      ['443', 7],
      ['40000', 1],
    ],
  );
  assert.equal(s.distinctLocalPorts, 13);
  assert.deepEqual(s.processes, [
    { key: 'nginx', count: 7, states: { LISTEN: 1, ESTABLISHED: 5, CLOSE_WAIT: 1 } },
  ]);
  assert.deepEqual(s.formats, ['ss']);
  assert.deepEqual(s.snapshots, []);
});

void test('a time series gets per-snapshot counts', () => {
  const s = summarize({
    records: [
      makeRecord({ line: 2, snapshot: 0, state: 'SYN_SENT', local: '10.0.0.1:5', remote: '10.0.0.2:80' }),
      makeRecord({ line: 5, snapshot: 1, state: 'ESTABLISHED', local: '10.0.0.1:5', remote: '10.0.0.2:80' }),
      makeRecord({ line: 6, snapshot: 1, state: 'ESTABLISHED', local: '10.0.0.1:6', remote: '10.0.0.2:80' }),
    ],
    snapshots: [
      { index: 0, startLine: 1, endLine: 3, time: '10:00:00' },
      { index: 1, startLine: 4, endLine: 6, time: '10:00:01' },
    ],
    kernelEvents: [],
  });
  assert.deepEqual(s.snapshots, [
    { index: 0, startLine: 1, time: '10:00:00', total: 1, states: { SYN_SENT: 1 } },
    { index: 1, startLine: 4, time: '10:00:01', total: 2, states: { ESTABLISHED: 2 } },
  ]);
});

void test('formatCountsLine puts the largest first', () => {
  assert.equal(
    formatCountsLine({ SYN_RECEIVED: 3, CLOSE_WAIT: 45, TIME_WAIT: 812 }),
    '812 TIME_WAIT · 45 CLOSE_WAIT · 3 SYN_RECEIVED',
  );
  assert.equal(formatCountsLine({ TIME_WAIT: 1234567 }), '1,234,567 TIME_WAIT');
  assert.equal(formatCountsLine({}), '');
});

void test('formatLineList folds runs', () => {
  assert.equal(formatLineList([1, 2, 3, 7, 9, 10]), '1–3, 7, 9, 10');
});

void test('the text report lists counts and findings in both languages', () => {
  const recs = [
    ...input().records,
    ...many(20, 100, { state: 'CLOSE_WAIT', local: '10.0.0.1:1', remote: '10.0.0.6:6379' }),
  ];
  const s = summarize({ records: recs, snapshots: [], kernelEvents: [] });
  const f = diagnose(recs);
  const en = formatSummaryText(s, f, 'en');
  assert.match(en, /^39 connections \(ss\)\n/);
  assert.match(en, /21 CLOSE_WAIT · 12 TIME_WAIT · 5 ESTABLISHED · 1 LISTEN/);
  assert.match(en, /Busiest local ports:\n {2}:443 /);
  assert.match(en, /\[WARNING\] 20 CLOSE_WAIT on 10\.0\.0\.6:6379/);
  assert.match(en, /lines: 100–119/);
  const zh = formatSummaryText(s, f, 'zh');
  assert.match(zh, /共 39 条连接/);
  assert.match(zh, /\[警告\]/);
  assert.match(
    formatSummaryText(summarize({ records: [], snapshots: [], kernelEvents: [] }), [], 'en'),
    /No connection lines recognised[\s\S]*Nothing looks wrong/,
  );
});

void test('the real time series: one entry per snapshot, with the client socket moving through states', () => {
  const r = parseLog(
    readFileSync(join(__dirname, '..', '..', 'fixtures', 'linux', 'timeseries-ss-tanpo.log'), 'utf8'),
  );
  const s = summarize(r);
  assert.equal(s.snapshots.length, r.snapshots.length);
  assert.ok(s.snapshots.length > 10);
  assert.deepEqual(s.snapshots[0].states, { LISTEN: 1 });
  assert.equal(s.snapshots[0].time, r.snapshots[0].time);
  assert.ok(s.snapshots.some((x) => x.states.SYN_SENT === 1));
  assert.equal(s.total, r.records.length);
  assert.match(formatSummaryText(s, [], 'en'), /Snapshots \(\d+\):\n {2}#0 /);
});
