// Node (unit tier): connection histories across snapshots and transition logs.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLog } from '../../../core/parse/logParser';
import { buildHistories, connectionKey, historyIndex } from '../../../core/analysis/history';
import { makeRecord } from '../support/makeRecord';

const C = '10.0.0.2:51000';
const S = '10.0.0.9:443';

void test('a client socket seen in successive snapshots yields its collapsed path with the first line of each state', () => {
  const records = [
    makeRecord({ line: 2, snapshot: 0, state: 'LISTEN', local: '0.0.0.0:22' }),
    makeRecord({ line: 3, snapshot: 0, state: 'SYN_SENT', local: C, remote: S }),
    makeRecord({ line: 6, snapshot: 1, state: 'LISTEN', local: '0.0.0.0:22' }),
    makeRecord({ line: 7, snapshot: 1, state: 'ESTABLISHED', local: C, remote: S }),
    makeRecord({ line: 10, snapshot: 2, state: 'ESTABLISHED', local: C, remote: S }),
    makeRecord({ line: 13, snapshot: 3, state: 'FIN_WAIT_1', local: C, remote: S }),
    makeRecord({ line: 16, snapshot: 4, state: 'FIN_WAIT_2', local: C, remote: S }),
    makeRecord({ line: 19, snapshot: 5, state: 'TIME_WAIT', local: C, remote: S }),
    makeRecord({ line: 22, snapshot: 6, state: 'TIME_WAIT', local: C, remote: S }),
  ];
  const hs = buildHistories(records);
  assert.equal(hs.length, 2);
  assert.deepEqual(hs[0].states, ['LISTEN']);
  assert.deepEqual(hs[0].allLines, [2, 6]);
  assert.deepEqual(hs[1].states, ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT']);
  assert.deepEqual(hs[1].lines, [3, 7, 13, 16, 19]);
  assert.deepEqual(hs[1].allLines, [3, 7, 10, 13, 16, 19, 22]);
  assert.equal(hs[1].local, C);
  assert.equal(hs[1].remote, S);
});

void test('transition logs insert the previous state when it differs from the last one seen', () => {
  const hs = buildHistories([
    makeRecord({ line: 1, from: 'CLOSED', state: 'SYN_SENT', local: C, remote: S, format: 'tcpstates' }),
    makeRecord({ line: 2, from: 'SYN_SENT', state: 'ESTABLISHED', local: C, remote: S, format: 'tcpstates' }),
    makeRecord({
      line: 5,
      from: 'FIN_WAIT_1',
      state: 'FIN_WAIT_2',
      local: C,
      remote: S,
      format: 'tcpstates',
    }),
    makeRecord({ line: 6, from: 'FIN_WAIT_2', state: 'CLOSED', local: C, remote: S, format: 'tcpstates' }),
  ]);
  assert.equal(hs.length, 1);
  assert.deepEqual(hs[0].states, ['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSED']);
  assert.deepEqual(hs[0].lines, [1, 1, 2, 5, 5, 6]);
});

void test('a 4-tuple reused after TIME_WAIT starts a new history', () => {
  const hs = buildHistories([
    makeRecord({ line: 1, snapshot: 0, state: 'ESTABLISHED', local: C, remote: S }),
    makeRecord({ line: 2, snapshot: 1, state: 'TIME_WAIT', local: C, remote: S }),
    makeRecord({ line: 3, snapshot: 2, state: 'SYN_SENT', local: C, remote: S }),
    makeRecord({ line: 4, snapshot: 3, state: 'ESTABLISHED', local: C, remote: S }),
  ]);
  assert.deepEqual(
    hs.map((h) => h.states),
    [
      ['ESTABLISHED', 'TIME_WAIT'],
      ['SYN_SENT', 'ESTABLISHED'],
    ],
  );
  assert.equal(hs[0].key, hs[1].key);
});

void test('a new connection whose handshake fell between snapshots (LAST_ACK then ESTABLISHED) is a new history', () => {
  const hs = buildHistories([
    makeRecord({ line: 1, snapshot: 0, state: 'CLOSE_WAIT', local: S, remote: C }),
    makeRecord({ line: 2, snapshot: 1, state: 'LAST_ACK', local: S, remote: C }),
    makeRecord({ line: 3, snapshot: 2, state: 'ESTABLISHED', local: S, remote: C }),
  ]);
  assert.equal(hs.length, 2);
});

void test('a transition log reopening a closed tuple starts a new history', () => {
  const hs = buildHistories([
    makeRecord({ line: 1, from: 'CLOSED', state: 'SYN_SENT', local: C, remote: S }),
    makeRecord({ line: 2, from: 'SYN_SENT', state: 'CLOSED', local: C, remote: S }),
    makeRecord({ line: 3, from: 'CLOSED', state: 'SYN_SENT', local: C, remote: S }),
  ]);
  assert.deepEqual(
    hs.map((h) => h.states),
    [
      ['CLOSED', 'SYN_SENT', 'CLOSED'],
      ['CLOSED', 'SYN_SENT'],
    ],
  );
});

void test('listeners are keyed by their local address only; a LISTEN -> CLOSE transition lands on the listener', () => {
  const a = makeRecord({
    line: 1,
    from: 'CLOSED',
    state: 'LISTEN',
    local: '0.0.0.0:8080',
    remote: '0.0.0.0:0',
  });
  const b = makeRecord({
    line: 9,
    from: 'LISTEN',
    state: 'CLOSED',
    local: '0.0.0.0:8080',
    remote: '0.0.0.0:0',
  });
  assert.equal(connectionKey(a), connectionKey(b));
  assert.notEqual(
    connectionKey(a),
    connectionKey(makeRecord({ line: 3, state: 'ESTABLISHED', local: '10.0.0.1:8080', remote: C })),
  );
  const hs = buildHistories([a, b]);
  assert.deepEqual(hs[0].states, ['CLOSED', 'LISTEN', 'CLOSED']);
});

void test('simultaneous open (SYN_SENT then SYN_RECEIVED) stays one connection', () => {
  const hs = buildHistories([
    makeRecord({ line: 1, snapshot: 0, state: 'SYN_SENT', local: C, remote: S }),
    makeRecord({ line: 2, snapshot: 1, state: 'SYN_RECEIVED', local: C, remote: S }),
    makeRecord({ line: 3, snapshot: 2, state: 'ESTABLISHED', local: C, remote: S }),
  ]);
  assert.deepEqual(
    hs.map((h) => h.states),
    [['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED']],
  );
});

void test('historyIndex finds the history of every line', () => {
  const hs = buildHistories([
    makeRecord({ line: 4, snapshot: 0, state: 'ESTABLISHED', local: C, remote: S }),
    makeRecord({ line: 5, snapshot: 0, state: 'ESTABLISHED', local: '[::1]:5000', remote: '[::1]:6000' }),
    makeRecord({ line: 8, snapshot: 1, state: 'CLOSE_WAIT', local: C, remote: S }),
  ]);
  const idx = historyIndex(hs);
  assert.equal(idx.get(4), hs[0]);
  assert.equal(idx.get(8), hs[0]);
  assert.equal(idx.get(5), hs[1]);
  assert.equal(hs[1].local, '[::1]:5000');
  assert.equal(idx.get(6), undefined);
});

void test('the real time-series capture reproduces the client and server paths of its ground truth', () => {
  const dir = join(__dirname, '..', '..', 'fixtures', 'linux');
  const truth = JSON.parse(readFileSync(join(dir, 'timeseries-ss-tanpo.truth.json'), 'utf8')) as {
    client: { local: string; remote: string; path: string[] };
    server: { local: string; remote: string; path: string[] };
  };
  const hs = buildHistories(parseLog(readFileSync(join(dir, 'timeseries-ss-tanpo.log'), 'utf8')).records);
  const client = hs.find((h) => h.local === truth.client.local && h.remote === truth.client.remote);
  const server = hs.find((h) => h.local === truth.server.local && h.remote === truth.server.remote);
  assert.deepEqual(client?.states, truth.client.path);
  assert.deepEqual(client?.lines, [10, 26, 46, 81, 96]);
  assert.deepEqual(server?.states, truth.server.path);
  assert.deepEqual(server?.lines, [27, 47, 97]);
  assert.deepEqual(hs.find((h) => h.states[0] === 'LISTEN')?.states, ['LISTEN']);
  assert.equal(historyIndex(hs).get(81), client);
});
