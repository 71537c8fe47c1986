// Node (unit tier): path inference from a single state and from observed sequences, and its one-line description.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import {
  describePath,
  inferPath,
  stateLabel,
  type PathStep,
  type StatePath,
} from '../../../core/tcp/pathInference';
import { transitionById } from '../../../core/tcp/transitions';
import { TCP_STATES, type TcpState } from '../../../core/tcp/types';

const ids = (steps: readonly PathStep[]): string[] => steps.map((s) => s.transitionId);

/** A path is a chain CLOSED → … → current along real transitions. */
function assertWellFormed(path: StatePath, label: string): void {
  for (const steps of [path.steps, ...path.alternatives]) {
    if (steps.length === 0) {
      assert.equal(path.current, 'CLOSED', label);
      continue;
    }
    assert.equal(steps[0]?.from, 'CLOSED', `${label}: starts at CLOSED`);
    assert.equal(steps[steps.length - 1]?.to, path.current, `${label}: ends at current`);
    steps.forEach((s, i) => {
      const t = transitionById(s.transitionId);
      assert.ok(t, `${label}: ${s.transitionId}`);
      assert.deepEqual([t.from, t.to], [s.from, s.to], `${label}: ${s.transitionId}`);
      if (i > 0) assert.equal(steps[i - 1]?.to, s.from, `${label}: contiguous`);
    });
  }
  assert.equal(path.ambiguous, path.alternatives.length > 0, label);
}

void test('a single state gives a well-formed, wholly inferred path', () => {
  for (const s of TCP_STATES) {
    const p = inferPath(s);
    assertWellFormed(p, s);
    assert.ok(
      p.steps.every((x) => !x.observed),
      s,
    );
    assert.deepEqual(p.observedStates, []);
  }
});

void test('canonical pasts per state', () => {
  assert.deepEqual(ids(inferPath('CLOSED').steps), []);
  assert.deepEqual(ids(inferPath('LISTEN').steps), ['t1']);
  assert.equal(inferPath('LISTEN').ambiguous, false);
  assert.deepEqual(ids(inferPath('SYN_SENT').steps), ['t2']);
  assert.deepEqual(ids(inferPath('SYN_RECEIVED').steps), ['t1', 't4']);
  assert.deepEqual(ids(inferPath('CLOSE_WAIT').steps), ['t1', 't4', 't10', 't13']);
  assert.deepEqual(ids(inferPath('LAST_ACK').steps), ['t1', 't4', 't10', 't13', 't18']);
  assert.deepEqual(ids(inferPath('FIN_WAIT_2').steps), ['t2', 't8', 't12', 't14']);
});

void test('ESTABLISHED: client path first, server path as the alternative; a known role removes the doubt', () => {
  const p = inferPath('ESTABLISHED');
  assert.deepEqual(ids(p.steps), ['t2', 't8']);
  assert.deepEqual(p.alternatives.map(ids), [['t1', 't4', 't10']]);
  assert.equal(p.ambiguous, true);
  const server = inferPath('ESTABLISHED', { role: 'server' });
  assert.deepEqual(ids(server.steps), ['t1', 't4', 't10']);
  assert.equal(server.ambiguous, false);
  assert.deepEqual(ids(inferPath('CLOSE_WAIT', { role: 'client' }).steps), ['t2', 't8', 't13']);
});

void test('TIME_WAIT: via FIN_WAIT_2, else via CLOSING or straight from FIN_WAIT_1', () => {
  const p = inferPath('TIME_WAIT');
  assert.deepEqual(ids(p.steps), ['t2', 't8', 't12', 't14', 't17']);
  const alts = p.alternatives.map(ids);
  assert.deepEqual(alts.slice(0, 2), [
    ['t2', 't8', 't12', 't15', 't19'],
    ['t2', 't8', 't12', 't16'],
  ]);
  assert.ok(
    alts.some((a) => a[0] === 't1'),
    'a server that closed first is also possible',
  );
  assert.equal(inferPath('TIME_WAIT', { role: 'client' }).alternatives.length, 2);
});

void test('a fully observed sequence: every edge after the opening is observed', () => {
  const observed: TcpState[] = ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT'];
  const p = inferPath('TIME_WAIT', { observed });
  assertWellFormed(p, 'full');
  assert.deepEqual(ids(p.steps), ['t2', 't8', 't12', 't14', 't17']);
  assert.deepEqual(
    p.steps.map((s) => s.observed),
    [false, true, true, true, true],
  );
  assert.deepEqual(p.observedStates, observed);
  assert.equal(p.ambiguous, false);
});

void test('a gap ESTABLISHED → TIME_WAIT is filled, most likely via FIN_WAIT_2, with the others as alternatives', () => {
  const p = inferPath('TIME_WAIT', { observed: ['ESTABLISHED', 'TIME_WAIT'] });
  assertWellFormed(p, 'gap');
  assert.deepEqual(ids(p.steps), ['t2', 't8', 't12', 't14', 't17']);
  assert.ok(p.steps.every((s) => !s.observed));
  const tails = p.alternatives.map((a) => ids(a).slice(2).join(','));
  assert.ok(tails.includes('t12,t16'));
  assert.ok(tails.includes('t12,t15,t19'));
  assert.equal(p.ambiguous, true);
});

void test('mixed: observed edges stay observed around an inferred gap; repeats collapse; current is appended', () => {
  const p = inferPath('CLOSED', {
    observed: ['SYN_SENT', 'SYN_SENT', 'ESTABLISHED', 'ESTABLISHED', 'FIN_WAIT_2', 'TIME_WAIT'],
  });
  assertWellFormed(p, 'mixed');
  assert.deepEqual(p.observedStates, ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED']);
  assert.deepEqual(
    p.steps.map((s) => `${s.transitionId}${s.observed ? '*' : ''}`),
    ['t2', 't8*', 't12', 't14', 't17*', 't21*'],
  );
});

void test('RST and odd sequences do not throw and stay well-formed', () => {
  const rst = inferPath('CLOSED', { observed: ['ESTABLISHED', 'CLOSED'] });
  assert.deepEqual(ids(rst.steps), ['t2', 't8', 'rst-ESTABLISHED']);
  assert.equal(rst.steps[2]?.observed, true);
  assert.ok(
    rst.alternatives.some((a) => ids(a).includes('t13')),
    'an unseen passive close is an alternative',
  );
  // 4-tuple reused: a new connection after TIME_WAIT goes through CLOSED.
  const reuse = inferPath('ESTABLISHED', { observed: ['TIME_WAIT', 'ESTABLISHED'] });
  assert.deepEqual(ids(reuse.steps).slice(-3), ['t21', 't2', 't8']);
  // Garbage from an untrusted caller is ignored, not thrown on.
  const junk = inferPath('LISTEN', { observed: ['BOGUS' as TcpState, 'LISTEN'] });
  assert.deepEqual(junk.observedStates, ['LISTEN']);
  assertWellFormed(junk, 'junk');
});

void test('property: any observed sequence gives a well-formed path whose observed edges join observed states', () => {
  const state = fc.constantFrom(...TCP_STATES);
  fc.assert(
    fc.property(
      fc.array(state, { maxLength: 8 }),
      state,
      fc.option(fc.constantFrom('client' as const, 'server' as const), { nil: undefined }),
      (observed, current, role) => {
        const p = inferPath(current, { observed, role });
        assertWellFormed(p, `${observed.join(',')} → ${current}`);
        const seq = p.observedStates;
        for (const s of p.steps.filter((x) => x.observed)) {
          assert.ok(seq.some((a, i) => a === s.from && seq[i + 1] === s.to));
        }
        assert.ok(describePath(p, 'en').length > 0);
        assert.match(describePath(p, 'zh'), /推断|观测到/);
      },
    ),
    { numRuns: 500 },
  );
});

void test('describePath: observed, inferred, mixed, both languages, RFC spelling', () => {
  const full = inferPath('TIME_WAIT', {
    observed: ['SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT'],
  });
  assert.equal(
    describePath(full, 'en'),
    'observed: SYN_SENT → ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT',
  );
  assert.equal(
    describePath(full, 'zh'),
    '观测到：SYN_SENT → ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT',
  );
  assert.equal(
    describePath(full, 'en', 'rfc'),
    'observed: SYN-SENT → ESTABLISHED → FIN-WAIT-1 → FIN-WAIT-2 → TIME-WAIT',
  );
  assert.equal(describePath(inferPath('LISTEN'), 'en'), 'inferred: CLOSED → LISTEN');
  assert.equal(describePath(inferPath('CLOSED'), 'en'), 'inferred: CLOSED');
  assert.equal(
    describePath(inferPath('ESTABLISHED'), 'en'),
    'inferred: CLOSED → SYN_SENT → ESTABLISHED (+1 other possible path)',
  );
  assert.equal(
    describePath(inferPath('ESTABLISHED'), 'zh'),
    '推断：CLOSED → SYN_SENT → ESTABLISHED（另有 1 条可能路径）',
  );
  const mixed = inferPath('TIME_WAIT', { observed: ['SYN_SENT', 'ESTABLISHED', 'TIME_WAIT'] });
  assert.equal(
    describePath(mixed, 'en'),
    'observed: SYN_SENT → ESTABLISHED; inferred: ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT (+2 other possible paths)',
  );
  assert.equal(
    describePath(mixed, 'zh'),
    '观测到：SYN_SENT → ESTABLISHED；推断：ESTABLISHED → FIN_WAIT_1 → FIN_WAIT_2 → TIME_WAIT（另有 2 条可能路径）',
  );
});

void test("stateLabel spells states the product's way or the RFC's way", () => {
  assert.equal(stateLabel('FIN_WAIT_1', 'canonical'), 'FIN_WAIT_1');
  assert.equal(stateLabel('FIN_WAIT_1', 'rfc'), 'FIN-WAIT-1');
  assert.equal(stateLabel('SYN_RECEIVED', 'rfc'), 'SYN-RECEIVED');
  assert.equal(stateLabel('LISTEN'), 'LISTEN');
});

void test('role-aware: every state past the handshake opens the way its role opened, with no path of the other role', () => {
  const serverOpen = ['t1', 't4', 't10'];
  const clientOpen = ['t2', 't8'];
  const tails: Partial<Record<TcpState, string[]>> = {
    ESTABLISHED: [],
    FIN_WAIT_1: ['t12'],
    FIN_WAIT_2: ['t12', 't14'],
    CLOSING: ['t12', 't15'],
    TIME_WAIT: ['t12', 't14', 't17'],
    CLOSE_WAIT: ['t13'],
    LAST_ACK: ['t13', 't18'],
  };
  for (const [state, tail] of Object.entries(tails) as [TcpState, string[]][]) {
    for (const [role, open] of [
      ['server', serverOpen],
      ['client', clientOpen],
    ] as const) {
      const p = inferPath(state, { role });
      assert.deepEqual(ids(p.steps), [...open, ...tail], `${state} as ${role}`);
      for (const alt of p.alternatives)
        assert.deepEqual(
          ids(alt).slice(0, open.length),
          open,
          `${state} as ${role}: alternative opens as ${role}`,
        );
      assertWellFormed(p, `${state} ${role}`);
    }
  }
  // A server that closed first holds the TIME_WAIT: its past is a passive open, then an active close.
  assert.deepEqual(ids(inferPath('TIME_WAIT', { role: 'server' }).steps), [
    't1',
    't4',
    't10',
    't12',
    't14',
    't17',
  ]);
  assert.deepEqual(ids(inferPath('SYN_RECEIVED', { role: 'server' }).steps), ['t1', 't4']);
  assert.deepEqual(ids(inferPath('SYN_RECEIVED', { role: 'client' }).steps), ['t2', 't7']);
});

void test('observed ends: SYN_SENT → CLOSED offers refused and retries exhausted; FIN_WAIT_2 → CLOSED is the orphan timeout; SYN_RECEIVED → CLOSED by role', () => {
  const last = (p: StatePath): string | undefined => p.steps[p.steps.length - 1]?.transitionId;
  const lastOfAlts = (p: StatePath): string[] =>
    p.alternatives.map((a) => a[a.length - 1]?.transitionId ?? '');
  const synSent = inferPath('CLOSED', { observed: ['SYN_SENT'] });
  assert.equal(last(synSent), 't6');
  assert.ok(lastOfAlts(synSent).includes('rst-SYN_SENT'), 'RST: connection refused');
  assert.ok(lastOfAlts(synSent).includes('timeout-SYN_SENT'), 'tcp_syn_retries ran out');
  assert.equal(last(inferPath('CLOSED', { observed: ['FIN_WAIT_2'] })), 'timeout-FIN_WAIT_2');
  assert.ok(lastOfAlts(inferPath('CLOSED', { observed: ['FIN_WAIT_2'] })).includes('rst-FIN_WAIT_2'));
  const passive = inferPath('CLOSED', { observed: ['SYN_RECEIVED'], role: 'server' });
  assert.equal(last(passive), 'timeout-SYN_RECEIVED');
  assert.equal(last(inferPath('CLOSED', { observed: ['SYN_RECEIVED'] })), 'timeout-SYN_RECEIVED');
  assert.equal(last(inferPath('CLOSED', { observed: ['SYN_RECEIVED'], role: 'client' })), 'rst-SYN_RECEIVED');
  for (const p of [synSent, passive]) assertWellFormed(p, 'observed end');
});
