// Node (unit tier): the editor's view of packet traces on the real traces (test/fixtures/traces) — inline meaning,
// hover, CodeLens, problems and the diagram's DiagramTrace at given lines, in English and Chinese.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  arraySource,
  buildLineIndex,
  buildLineIndexSync,
  splitLines,
} from '../../../core/document/lineIndexBuilder';
import { buildTraceIndex } from '../../../core/document/traceBuild';
import { buildTraceIndexSync, TraceCollector, type TraceIndex } from '../../../core/document/traceIndex';
import { traceFindings } from '../../../core/document/traceFindings';
import { traceSelection } from '../../../core/document/traceSelection';
import { parseSelection } from '../../../core/protocol/validate';
import { traceHoverMarkdown } from '../../../core/text/traceHover';
import { connectionLensTitle, packetInline, packetRole } from '../../../core/text/traceText';
import { flagsFamily } from '../../../core/trace/flagsFamily';
import { packetSeconds } from '../../../core/trace/traceTiming';

const root = join(__dirname, '..', '..', '..');
const read = (rel: string): string => readFileSync(join(root, 'test', 'fixtures', rel), 'utf8');

function traceOf(text: string): TraceIndex {
  const collector = new TraceCollector();
  buildLineIndexSync(arraySource(splitLines(text)), {}, collector);
  const index = buildTraceIndexSync(collector);
  assert.ok(index, 'the document has packet lines');
  return index;
}
const trace = (name: string): TraceIndex => traceOf(read(`traces/${name}`));

function at(index: TraceIndex, line: number): NonNullable<ReturnType<TraceIndex['packetAt']>> {
  const a = index.packetAt(line);
  assert.ok(a, `a packet on line ${line}`);
  return a;
}

test('inline meaning: only the end that changed shows an arrow; off, short and detailed', () => {
  const ix = trace('normal-v4.nn.txt');
  assert.equal(
    packetInline(ix, at(ix, 11), 'short', 'en'),
    '  — client FIN_WAIT_2 → TIME_WAIT · server CLOSE_WAIT → LAST_ACK',
  );
  assert.equal(
    packetInline(ix, at(ix, 10), 'short', 'en'),
    '  — client FIN_WAIT_1 → FIN_WAIT_2 · server CLOSE_WAIT',
  );
  assert.equal(packetInline(ix, at(ix, 10), 'off', 'en'), undefined);
  assert.equal(
    packetInline(ix, at(ix, 3), 'detailed', 'en'),
    "  — client SYN_SENT → ESTABLISHED · server SYN_RECEIVED · handshake step 2 of 3: the server's SYN,ACK",
  );
  assert.equal(
    packetInline(ix, at(ix, 12), 'detailed', 'zh'),
    '  — 客户端 TIME_WAIT · 服务端 LAST_ACK → CLOSED · 最后的 ACK：客户端确认被动关闭方的 FIN',
  );
  assert.equal(ix.packetAt(1), undefined, 'the "reading from file" line is not a packet');
});

test('roles in words: handshake steps, closers, retransmission of line N, duplicate ACK, resets', () => {
  const normal = trace('normal-v4.nn.txt');
  assert.equal(packetRole(normal, at(normal, 2), 'en'), "handshake step 1 of 3: the client's SYN");
  assert.equal(packetRole(normal, at(normal, 9), 'en'), "the active closer's FIN: the client closes first");
  assert.equal(
    packetRole(normal, at(normal, 11), 'en'),
    "the passive closer's FIN: the server closes after the client",
  );
  assert.equal(packetRole(normal, at(normal, 9), 'zh'), '主动关闭方的 FIN：客户端先关闭');
  const lost = trace('lostack-v4.nn.txt');
  assert.equal(packetRole(lost, at(lost, 9), 'en'), 'a retransmission of line 7');
  assert.equal(packetRole(lost, at(lost, 9), 'zh'), '第 7 行的重传');
  const zw = trace('zerowin-v4.nn.txt');
  assert.equal(packetRole(zw, at(zw, 12), 'en'), 'a duplicate ACK from the client (the same ACK as line 11)');
  const refused = trace('refused-v4.nn.txt');
  assert.equal(
    packetRole(refused, at(refused, 3), 'en'),
    'a reset answering a SYN: nothing listens on :7104',
  );
  const abort = trace('abort-v4.nn.txt');
  assert.equal(
    packetRole(abort, at(abort, 9), 'en'),
    'abort after data: the client resets the connection after 20 bytes of data',
  );
  const tw = trace('twrst-v4.nn.txt');
  assert.match(
    packetRole(tw, at(tw, 8), 'en'),
    /^a reset to TIME-WAIT: it ends the client's TIME_WAIT early/,
  );
  const sim = trace('simclose-v4.nn.txt');
  assert.match(packetRole(sim, at(sim, 6), 'en'), /^simultaneous close: the server's FIN/);
});

test('hover: role, both ends before → after, revision with its line, mid-connection start, Show on diagram', () => {
  const lost = trace('lostack-v4.nn.txt');
  const md = traceHoverMarkdown({ index: lost, at: at(lost, 8), uri: 'file:///t/lostack.txt', lang: 'en' });
  assert.match(md, /^`\[\.\]` \*\*an ACK from the client\*\* · packet 7 of 9 of this connection/);
  assert.match(md, /- \*\*client\*\*: TIME_WAIT\n- \*\*server\*\*: LAST_ACK/);
  assert.match(
    md,
    /⚠ \*\*Revised:\*\* this ACK was lost: the retransmission on line 9 proves it never arrived \(see line 9\)/,
  );
  assert.match(md, /\[Show on diagram\]\(command:tcpStates\.showOnDiagram\?/);
  assert.ok(md.includes(encodeURIComponent(JSON.stringify(['file:///t/lostack.txt', 8]))));
  const zh = traceHoverMarkdown({ index: lost, at: at(lost, 8), uri: 'file:///t/lostack.txt', lang: 'zh' });
  assert.match(zh, /已修正：\*\* 这个 ACK 丢失了：第 9 行的重传说明它没有到达/);
  assert.match(zh, /\[在状态图上显示\]/);
  assert.doesNotMatch(zh, /套接字/);
  const mid = trace('midstart-v4.nn.txt');
  const m = traceHoverMarkdown({ index: mid, at: at(mid, 3), uri: 'u', lang: 'en' });
  assert.match(
    m,
    /The trace starts mid-connection; client guessed from the ports \(:60562 is in Linux's ephemeral range/,
  );
  const mz = traceHoverMarkdown({ index: mid, at: at(mid, 3), uri: 'u', lang: 'zh' });
  assert.match(mz, /抓包从连接中途开始；客户端是根据端口推测的： `:60562` → `:7110`。/);
});

test('hover of a -v trace answers on the IP header line too', () => {
  const ix = trace('lostack-v4.v.txt');
  const header = at(ix, 18);
  assert.equal(header.packet.packet.line, 19);
  assert.equal(header.packet.packet.headerLine, 18);
});

test('CodeLens title per connection: endpoints, packets, both paths, handshake time, outcome and history', () => {
  const ix = trace('normal-v4.nn.txt');
  assert.equal(ix.connections.length, 1);
  assert.equal(
    connectionLensTitle(ix, ix.connections[0], 'en'),
    '127.0.0.1:55148 → :7100 · 11 packets · client SYN_SENT → … → TIME_WAIT · server LISTEN → … → CLOSED · handshake 0.03 ms · SF ShADadFf',
  );
  assert.equal(
    connectionLensTitle(ix, ix.connections[0], 'zh'),
    '127.0.0.1:55148 → :7100 · 11 个包 · 客户端 SYN_SENT → … → TIME_WAIT · 服务端 LISTEN → … → CLOSED · 握手 0.03 毫秒 · SF ShADadFf',
  );
  const refused = trace('refused-v4.nn.txt');
  assert.equal(
    connectionLensTitle(refused, refused.connections[0], 'en'),
    '127.0.0.1:60784 → :7104 · 2 packets · client SYN_SENT → CLOSED · server CLOSED · REJ Sr',
  );
  const multi = trace('multi-v4.nn.txt');
  assert.deepEqual(
    multi.connections.map((c) => [multi.packetOf(c, 0).packet.line, c.outcome, c.history]),
    [
      [2, 'SF', 'ShADadFf'],
      [5, 'RSTO', 'ShADadR'],
      [20, 'SF', 'ShAFf'],
      [26, 'RSTO', 'ShADaR'],
      [32, 'SF', 'ShAFf'],
    ],
  );
});

test('handshake time is the same in every timestamp form, -ttt deltas summed', () => {
  const forms = ['nn', 'tt', 'ttt', 'tttt', 'ttttt', 'tshark'];
  const ms = forms.map((f) => {
    const ix = trace(`retrans-v4.${f}.txt`);
    return ix.handshakeMs(ix.connections[0]);
  });
  for (const v of ms) {
    assert.ok(v !== undefined);
    assert.ok(Math.abs(v - (ms[0] ?? 0)) < 0.01, `${forms.join(',')}: ${ms.join(',')}`);
  }
  assert.ok((ms[0] ?? 0) > 1000, 'the lost SYN was retransmitted about 1 s later');
  const t = trace('retrans-v4.t.txt');
  assert.equal(t.handshakeMs(t.connections[0]), undefined, 'tcpdump -t prints no time');
  assert.ok(packetSeconds([]).length === 0);
});

test('problems: refused, reset after data, handshake never completed, FIN retransmitted, zero window', () => {
  const pick = (name: string): [number, string][] => traceFindings(trace(name)).map((f) => [f.line, f.id]);
  assert.deepEqual(pick('refused-v4.nn.txt'), [[3, 'trace-refused']]);
  assert.deepEqual(pick('abort-v4.nn.txt'), [[9, 'trace-reset-after-data']]);
  assert.deepEqual(pick('lostack-v4.nn.txt'), [[9, 'trace-fin-retransmitted']]);
  assert.deepEqual(pick('zerowin-v4.nn.txt'), [[8, 'trace-zero-window']]);
  assert.deepEqual(pick('normal-v4.nn.txt'), []);
  assert.deepEqual(pick('multi-v4.nn.txt'), [
    [19, 'trace-reset-after-data'],
    [31, 'trace-reset-after-data'],
  ]);
  const refused = traceFindings(trace('refused-v4.nn.txt'))[0];
  assert.equal(
    refused?.message.en,
    'Connection refused: 127.0.0.1:60784 → 127.0.0.1:7104 — the SYN was answered by a RST, nothing listens on :7104 (connect() fails with ECONNREFUSED)',
  );
  assert.match(refused?.message.zh ?? '', /^连接被拒绝：/);
  // The handshake never completes when the capture holds only the SYN and the SYN,ACK (real lines, cut short).
  const lines = splitLines(read('traces/normal-v4.nn.txt')).slice(0, 3).join('\n');
  const cut = traceFindings(traceOf(lines));
  assert.deepEqual(
    cut.map((f) => [f.line, f.id, f.state]),
    [[2, 'trace-handshake-incomplete', 'SYN_RECEIVED']],
  );
  assert.match(cut[0]?.message.en ?? '', /the SYN,ACK was never acknowledged/);
});

test('DiagramTrace at a line: both ends observed up to that packet; the selection is the client; zh caption', () => {
  const ix = trace('normal-v4.nn.txt');
  const s = traceSelection(ix, at(ix, 10), 'en');
  assert.equal(
    s.caption,
    '127.0.0.1:55148 → 127.0.0.1:7100 · packet 9 of 11 · client FIN_WAIT_2 · server CLOSE_WAIT',
  );
  assert.equal(s.state, 'FIN_WAIT_2');
  assert.deepEqual(
    s.trace?.client.steps.map((x) => [x.from, x.to, x.transitionId, x.observed]),
    [
      ['CLOSED', 'SYN_SENT', 't2', true],
      ['SYN_SENT', 'ESTABLISHED', 't8', true],
      ['ESTABLISHED', 'FIN_WAIT_1', 't12', true],
      ['FIN_WAIT_1', 'FIN_WAIT_2', 't14', true],
    ],
  );
  assert.deepEqual(s.steps, s.trace?.client.steps);
  assert.deepEqual(
    s.trace?.server.steps.map((x) => [x.from, x.to, x.transitionId]),
    [
      ['LISTEN', 'SYN_RECEIVED', 't4'],
      ['SYN_RECEIVED', 'ESTABLISHED', 't10'],
      ['ESTABLISHED', 'CLOSE_WAIT', 't13'],
    ],
  );
  assert.deepEqual([s.trace?.packet, s.trace?.packetCount, s.trace?.role], [9, 11, 'an ACK from the server']);
  assert.equal(s.trace?.server.endpoint, '127.0.0.1:7100');
  // The protocol's own validator keeps every field.
  assert.deepEqual(parseSelection(s), s);
  const zh = traceSelection(ix, at(ix, 10), 'zh');
  assert.equal(
    zh.caption,
    '127.0.0.1:55148 → 127.0.0.1:7100 · 第 9/11 个包 · 客户端 FIN_WAIT_2 · 服务端 CLOSE_WAIT',
  );
  // A reset takes the reset edge, not the 2MSL timeout row.
  const tw = trace('twrst-v4.nn.txt');
  const last = traceSelection(tw, at(tw, 8), 'en').trace?.client.steps.at(-1);
  assert.deepEqual([last?.from, last?.to, last?.transitionId], ['TIME_WAIT', 'CLOSED', 'rst-TIME_WAIT']);
});

test('stepping through a connection skips the packets of the others', () => {
  const ix = trace('multi-v4.nn.txt');
  const first = at(ix, 5);
  const lines: number[] = [];
  for (let a: typeof first | undefined = first; a !== undefined; a = ix.step(a, 1))
    lines.push(a.packet.packet.line);
  assert.deepEqual(lines, [5, 6, 7, 10, 11, 14, 15, 19]);
  assert.equal(ix.step(first, -1), undefined);
});

test('a document mixing an ss table and a trace: the table index is unchanged, the trace is indexed', async () => {
  const table = read('linux/ss-tanpo.txt');
  const traceText = read('traces/abort-v4.tshark.txt');
  const text = `${table}\n${traceText}`;
  const alone = buildLineIndexSync(arraySource(splitLines(table)));
  const collector = new TraceCollector();
  const sched = {
    now: () => performance.now(),
    yieldToEventLoop: () => new Promise<void>((r) => setImmediate(r)),
  };
  const index = await buildLineIndex(arraySource(splitLines(text)), {
    scheduler: sched,
    unparsed: collector,
  });
  assert.equal(index?.recordCount, alone.recordCount);
  const built = await buildTraceIndex(collector, { scheduler: sched, sliceMs: 0 });
  const ix = built?.index;
  const offset = splitLines(table).length;
  assert.deepEqual(
    built?.findings.map((f) => [f.line - offset, f.id]),
    [[8, 'trace-reset-after-data']],
  );
  assert.equal(ix?.handshakeMs(ix.connections[0])?.toFixed(3), '0.039');
  assert.equal(ix?.packetCount, 8);
  assert.equal(ix?.packetAt(offset + 8)?.packet.role, 'reset');
  assert.equal(ix?.packetAt(offset + 8)?.packet.packet.line, offset + 8);
});

test('flags colour families: SYN opening, FIN closing, RST reset, the rest data', () => {
  const ix = trace('abort-v4.tshark.txt');
  assert.deepEqual(
    ix.trace.packets.map((p) => `${p.packet.flags}:${flagsFamily(p.packet)}`),
    ['S:opening', 'S.:opening', '.:data', 'P.:data', '.:data', 'P.:data', '.:data', 'R.:reset'],
  );
  const lines = splitLines(read('traces/abort-v4.tshark.txt'));
  const rst = ix.trace.packets[7].packet;
  assert.equal(lines[rst.line - 1].slice(rst.flagsStart, rst.flagsEnd), 'RST, ACK');
  const fin = trace('normal-v4.nn.txt').trace.packets[7].packet;
  assert.equal(flagsFamily(fin), 'closing');
  assert.equal(
    splitLines(read('traces/normal-v4.nn.txt'))[fin.line - 1].slice(fin.flagsStart, fin.flagsEnd),
    'F.',
  );
});

test('a cancelled trace build gives nothing; an empty one too', async () => {
  const collector = new TraceCollector();
  splitLines(read('traces/zerowin-v4.nn.txt')).forEach((l, i) => collector.line(l, i + 1));
  const sched = {
    now: () => performance.now(),
    yieldToEventLoop: () => new Promise<void>((r) => setImmediate(r)),
  };
  let slices = 0;
  const cancelled = await buildTraceIndex(collector, {
    scheduler: sched,
    sliceMs: 0,
    onSlice: () => slices++,
    isCancelled: () => slices >= 2,
  });
  assert.equal(cancelled, undefined);
  assert.equal(await buildTraceIndex(new TraceCollector(), { scheduler: sched }), undefined);
  const whole = await buildTraceIndex(collector, { scheduler: sched, sliceMs: 0 });
  assert.equal(whole?.index.packetCount, 62);
  assert.deepEqual(
    whole?.findings.map((f) => [f.line, f.id]),
    [[8, 'trace-zero-window']],
  );
});
