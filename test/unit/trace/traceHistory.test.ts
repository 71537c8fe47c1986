// Node (unit tier): traceHistories and summarizeTrace on every textual form of every real trace fixture, against
// what its truth file says each end went through (the CLI tier runs the same through the built CLI on a rotation).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { summarizeTrace } from '../../../core/analysis/traceSummary';
import { reconstructTrace } from '../../../core/trace/reconstruct';
import { traceHistories } from '../../../core/trace/traceHistory';
import { formsOf, packetLines, readTruth, traces, truthHistories, truthNames } from '../../cli/traceTruth';
import { TracePacketParser, type PacketLine } from '../../../core/trace/packetParser';

function parseTrace(text: string): PacketLine[] {
  const parser = new TracePacketParser();
  const out: PacketLine[] = [];
  text.split('\n').forEach((l, i) => {
    const p = parser.parseLine(l, i + 1);
    if (p !== undefined) out.push(p);
  });
  return out;
}

for (const base of truthNames) {
  test(`${base}: each end's history and final state, in every form`, () => {
    const truth = readTruth(base);
    for (const form of formsOf(base)) {
      const text = readFileSync(join(traces, `${base}.${form}.txt`), 'utf8');
      const result = reconstructTrace(parseTrace(text));
      const want = truthHistories(truth, packetLines(text));
      const got = traceHistories(result);
      assert.deepEqual(
        got.map((h) => ({ side: h.side, connection: h.connection, states: h.states, lines: h.lines })),
        want,
        `${base}.${form}`,
      );
      const s = summarizeTrace(result);
      assert.equal(s.connections, want.length / 2);
      for (const side of ['client', 'server'] as const) {
        const finals: Record<string, number> = {};
        for (const h of want.filter((x) => x.side === side)) {
          const last = h.states[h.states.length - 1];
          finals[last] = (finals[last] ?? 0) + 1;
        }
        assert.deepEqual(s.finalStates[side], finals, `${base}.${form} ${side}`);
      }
    }
  });
}
