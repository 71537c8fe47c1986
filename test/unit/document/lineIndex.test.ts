// Node (unit tier): the editor's per-document index on real captures — same answers as the parser, chunked or not.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectionAtLine, observedStates } from '../../../core/document/connectionAtLine';
import { hoverMarkdown } from '../../../core/text/hoverContent';
import { inlineMeaning } from '../../../core/text/inlineMeaning';
import {
  arraySource,
  buildLineIndex,
  buildLineIndexSync,
  buildRangeIndex,
  splitLines,
} from '../../../core/document/lineIndexBuilder';
import { countsTitle, snapshotBlocks } from '../../../core/document/snapshotBlocks';
import { parseLog } from '../../../core/parse/logParser';
import { connectionKey } from '../../../core/analysis/history';
import { diagnose } from '../../../core/analysis/diagnosis';
import { summarize } from '../../../core/analysis/summary';
import { processLabel } from '../../../core/parse/recordDraft';

/** The extension host's scheduler, as Node gives it. */
const nodeScheduler = {
  now: () => performance.now(),
  yieldToEventLoop: () => new Promise<void>((resolve) => setImmediate(resolve)),
};

const root = join(__dirname, '..', '..', '..');
const capture = (name: string): string => readFileSync(join(root, 'test', 'fixtures', 'linux', name), 'utf8');
const lineOf = (text: string, re: RegExp): number => splitLines(text).findIndex((l) => re.test(l)) + 1;

void test('indexes every connection line the parser finds, with the state range of each', () => {
  const text = capture('ss-tanpo.txt');
  const parsed = parseLog(text);
  const index = buildLineIndexSync(arraySource(splitLines(text)));
  assert.equal(index.recordCount, parsed.records.length);
  for (const r of parsed.records) {
    const e = index.entryAt(r.line);
    assert.ok(e, `line ${r.line}`);
    assert.equal(e.state, r.state);
    assert.deepEqual([e.stateStart, e.stateEnd], [r.stateStart, r.stateEnd]);
  }
  assert.equal(index.stateAt(1), undefined, 'the header is not a connection');
  assert.deepEqual(
    index.spansIn(1, index.lineCount).map((s) => s.line),
    parsed.records.map((r) => r.line),
  );
});

void test('a build in tiny slices gives the same index as one pass', async () => {
  const lines = splitLines(capture('timeseries-ss-tanpo.log'));
  const whole = buildLineIndexSync(arraySource(lines));
  let slices = 0;
  const chunked = await buildLineIndex(arraySource(lines), {
    scheduler: nodeScheduler,
    sliceMs: 0,
    onSlice: () => slices++,
  });
  assert.ok(chunked);
  assert.ok(slices > 1, `yielded ${slices} times`);
  for (let line = 1; line <= lines.length; line++)
    assert.deepEqual(chunked.entryAt(line), whole.entryAt(line));
  assert.deepEqual(chunked.facts, whole.facts);
  assert.deepEqual(chunked.summary(), whole.summary());
});

void test('a cancelled build resolves to undefined', async () => {
  const lines = splitLines(capture('ss-tani.txt'));
  assert.equal(
    await buildLineIndex(arraySource(lines), { scheduler: nodeScheduler, isCancelled: () => true }),
    undefined,
  );
});

void test('next line in a state wraps around; lines in a state stay in their block', () => {
  const text = capture('ss-tanpo.txt');
  const index = buildLineIndexSync(arraySource(splitLines(text)));
  const tws = index.linesInState('TIME_WAIT');
  assert.equal(tws.length, 2);
  assert.equal(index.nextLineInState('TIME_WAIT', 1), tws[0]);
  assert.equal(index.nextLineInState('TIME_WAIT', tws[0]), tws[1]);
  assert.equal(index.nextLineInState('TIME_WAIT', tws[1]), tws[0]);
  assert.equal(index.nextLineInState('CLOSED', 1), undefined);
  assert.deepEqual(index.linesInState('TIME_WAIT', 10, tws[0] + 1), [tws[1]]);
});

void test('the time series gives the client its observed path up to the line, and one block per snapshot', () => {
  const text = capture('timeseries-ss-tanpo.log');
  const truth = JSON.parse(capture('timeseries-ss-tanpo.truth.json')) as {
    client: { local: string; path: string[] };
  };
  const lines = splitLines(text);
  const index = buildLineIndexSync(arraySource(lines));
  const lastTw =
    lines
      .map((l, i) => (/^TIME-WAIT/.test(l) && l.includes(truth.client.local) ? i + 1 : 0))
      .filter(Boolean)
      .pop() ?? 0;
  const entry = index.entryAt(lastTw);
  assert.ok(entry);
  assert.deepEqual(observedStates(index, entry), truth.client.path);
  const view = connectionAtLine(index, lastTw, 'en');
  assert.ok(view);
  assert.equal(view.local, truth.client.local);
  assert.equal(view.role, 'client');
  assert.ok(
    view.path.steps.some((s) => s.observed),
    'observed steps on the path',
  );
  const firstEstab = lineOf(text, new RegExp(`^ESTAB .*${truth.client.local.replace(/\./g, '\\.')} `));
  const early = index.entryAt(firstEstab);
  assert.ok(early);
  assert.deepEqual(
    observedStates(index, early),
    ['SYN_SENT', 'ESTABLISHED'],
    'the future is not part of the past',
  );
  const dates = lines.filter((l) => /^\w{3} \w{3} +\d+ \d\d:\d\d:\d\d UTC \d{4}$/.test(l)).length;
  const blocks = snapshotBlocks(index);
  assert.equal(blocks.length, dates);
  assert.equal(countsTitle(blocks[0].counts), '1 LISTEN');
});

void test('hover Markdown: timer left, knobs with cautions, escaped owner, two command links, both languages', () => {
  const text = capture('ss-tanpo.txt');
  const index = buildLineIndexSync(arraySource(splitLines(text)));
  const tw = lineOf(text, /^TIME-WAIT .*timewait,57sec/);
  const view = connectionAtLine(index, tw, 'en');
  assert.ok(view);
  const en = hoverMarkdown({ view, rawState: 'TIME-WAIT', uri: 'file:///x/ss-tanpo.txt', lang: 'en' });
  assert.match(en, /TIME_WAIT, 57 s left of 60 s/);
  assert.match(en, /tcp_tw_recycle/);
  assert.equal((en.match(/\]\(command:/g) ?? []).length, 2);
  const zhView = connectionAtLine(index, tw, 'zh');
  assert.ok(zhView);
  assert.match(
    hoverMarkdown({ view: zhView, rawState: 'TIME-WAIT', uri: 'file:///x', lang: 'zh' }),
    /60 秒 中还剩 57 秒/,
  );

  const cw = lineOf(text, /^CLOSE-WAIT .*we"ird/);
  const cwView = connectionAtLine(index, cw, 'en');
  assert.ok(cwView);
  const md = hoverMarkdown({ view: cwView, rawState: 'CLOSE-WAIT', uri: 'file:///x', lang: 'en' });
  assert.ok(md.includes('`we"ird (x,y (pid 15885)`'), md);
  // Recv-Q 1 on CLOSE-WAIT is the unread FIN, not a byte of data (issue 10, item 4).
  assert.match(md, /Recv-Q 1: the peer's FIN, not yet read/);
  assert.doesNotMatch(md, /1 byte unread/);
  const entry = index.entryAt(cw);
  assert.ok(entry);
  assert.match(inlineMeaning(entry, 'detailed', 'en') ?? '', /we"ird/);
  assert.equal(inlineMeaning(entry, 'off', 'en'), undefined);
});

void test('a document without connections answers empty everywhere', () => {
  const index = buildLineIndexSync(arraySource(['Just words.', 'LISTEN to them, ESTABLISHED writers.', '']));
  assert.equal(index.recordCount, 0);
  assert.equal(index.lineCount, 3);
  assert.equal(index.stateAt(2), undefined);
  assert.deepEqual(index.spansIn(1, 3), []);
  assert.equal(index.nextLineInState('LISTEN', 1), undefined);
  assert.deepEqual(snapshotBlocks(index), []);
});

void test('log text in a hover never becomes a link: an unknown timer kind goes into a code span', () => {
  const lines = [
    'State      Recv-Q Send-Q Local Address:Port  Peer Address:Port Process',
    'ESTAB      0      0      10.0.0.5:22         10.0.0.7:50712    timer:(https://evil.example/x,1sec,0)',
    'ESTAB      0      0      10.0.0.5:22         10.0.0.7:50713    timer:(www.evil.example,1sec,0)',
    'ESTAB      0      0      10.0.0.5:22         10.0.0.7:50714    timer:(keepalive,89min,0)',
  ];
  const index = buildLineIndexSync(arraySource(lines));
  for (const [line, kind] of [
    [2, 'https://evil.example/x'],
    [3, 'www.evil.example'],
  ] as const) {
    const view = connectionAtLine(index, line, 'en');
    assert.ok(view, `line ${line}`);
    const md = hoverMarkdown({ view, rawState: 'ESTAB', uri: 'file:///x', lang: 'en' });
    const timerLine = md.split('\n').find((l) => l.startsWith('**Timer:**')) ?? '';
    assert.ok(timerLine.includes('`'), timerLine);
    // Outside code spans, the kind appears nowhere.
    assert.ok(!md.replace(/`[^`]*`/g, '').includes(kind), md);
  }
  const known = connectionAtLine(index, 4, 'en');
  assert.ok(known);
  assert.match(
    hoverMarkdown({ view: known, rawState: 'ESTAB', uri: 'file:///x', lang: 'en' }),
    /\*\*Timer:\*\* next keepalive probe in 89 min/,
  );
});

void test('hover: an IPv6 address netstat cut to its 23-character column says so and points to -W, in both languages', () => {
  const text = capture('netstat-tan-long-ipv6.txt');
  const index = buildLineIndexSync(arraySource(splitLines(text)));
  const lines = text.split('\n');
  const hover = (re: RegExp, lang: 'en' | 'zh'): string => {
    const n = lineOf(text, re);
    const view = connectionAtLine(index, n, lang);
    assert.ok(view, String(re));
    return hoverMarkdown({
      view,
      rawState: view.entry.state,
      uri: 'file:///x',
      lang,
      lineText: lines[n - 1],
    });
  };
  // `2001:db8:aaaa:bbbb:c:22` is what netstat printed for 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1 port 22.
  assert.match(
    hover(/^tcp6 .*2001:db8:aaaa:bbbb:c:22 :::\*/, 'en'),
    /netstat cut this address .*`netstat -W`/,
  );
  assert.match(hover(/^tcp6 .*2001:db8:aaaa:bbbb:c:22 :::\*/, 'zh'), /被 netstat 截断.*`netstat -W`/);
  assert.match(hover(/^tcp6 .*2001:db8:aaaa:bbb:60048 2001/, 'en'), /netstat cut this address/);
  // Short addresses, and the same sockets printed with -W, carry no such warning.
  assert.doesNotMatch(hover(/^tcp6 .*2001:db8::5:44192 /, 'en'), /netstat -W/);
  const wide = capture('netstat-tanW-long-ipv6.txt');
  const wideIndex = buildLineIndexSync(arraySource(splitLines(wide)));
  const n = lineOf(wide, /eeee:1:22 :::\*/);
  const view = connectionAtLine(wideIndex, n, 'en');
  assert.ok(view);
  assert.match(view.local, /2001:db8:aaaa:bbbb:cccc:dddd:eeee:1/);
  const md = hoverMarkdown({
    view,
    rawState: 'LISTEN',
    uri: 'file:///x',
    lang: 'en',
    lineText: wide.split('\n')[n - 1],
  });
  assert.doesNotMatch(md, /netstat -W/);
});

void test('hover: a LISTEN accept queue above its backlog is overflowing, equal to it full, below it neither (real capture)', () => {
  const text = capture('ss-tanpo.txt');
  const lines = splitLines(text);
  const at = lineOf(text, /^LISTEN +2 +1 +127\.0\.0\.1:5009/);
  const hoverOf = (variant: string[], lang: 'en' | 'zh' = 'en'): string => {
    const index = buildLineIndexSync(arraySource(variant));
    const view = connectionAtLine(index, at, lang);
    assert.ok(view);
    return hoverMarkdown({ view, rawState: 'LISTEN', uri: 'file:///x', lang, lineText: variant[at - 1] });
  };
  assert.match(hoverOf(lines), /accept queue: 2 \/ 1 ⚠ overflowing/);
  assert.match(hoverOf(lines, 'zh'), /全连接队列: 2 \/ 1 ⚠ 已溢出/);
  const full = lines.slice();
  full[at - 1] = lines[at - 1].replace(/^LISTEN +2 +1 /, 'LISTEN     1      1 ');
  assert.match(hoverOf(full), /accept queue: 1 \/ 1 — full: one more completed handshake fits/);
  const idle = lines.slice();
  idle[at - 1] = lines[at - 1].replace(/^LISTEN +2 +1 /, 'LISTEN     0      1 ');
  assert.match(hoverOf(idle), /accept queue: 0 \/ 1\n/);
});

/** What a line's entry shows the user, with the connection as its endpoints (ids differ between indexes). */
function shown(index: ReturnType<typeof buildLineIndexSync>, line: number): unknown {
  const e = index.entryAt(line);
  if (e === undefined) return undefined;
  // Snapshot numbers are the window's own in a range index.
  const { connection, ...rest } = e;
  return {
    ...rest,
    snapshot: undefined,
    key: connection.key,
    local: connection.local,
    remote: connection.remote,
  };
}

void test('a range index gives the visible lines the same entries as the whole index, mid-document too', () => {
  // Real captures taken one after another: ss and netstat tables, so a range starts under either header.
  const blocks = ['timeseries-ss-tanpo.log', 'netstat-tanpo.txt', 'ss-tanpo.txt', 'netstat-tanpe.txt'];
  const lines: string[] = [];
  for (let copy = 0; copy < 12; copy++)
    for (const b of blocks) lines.push(...splitLines(capture(b).replace(/\s+$/, '')));
  const source = arraySource(lines);
  const whole = buildLineIndexSync(source);
  let compared = 0;
  for (const first of [1, 37, 200, 1003, 2222, lines.length - 50]) {
    const last = Math.min(lines.length, first + 59);
    const range = buildRangeIndex(source, first, last);
    for (let line = first; line <= last; line++) {
      assert.deepEqual(shown(range, line), shown(whole, line), `line ${line}: ${lines[line - 1]}`);
      if (whole.entryAt(line) !== undefined) compared++;
    }
    assert.deepEqual(range.spansIn(first, last), whole.spansIn(first, last));
    // Nothing past the range is read.
    assert.equal(range.stateAt(last + 1), undefined);
  }
  assert.ok(compared > 250, `only ${compared} connection lines compared`);
});

void test('every capture and sample: the index (plain rows read from their bytes) says what the text parser says', () => {
  const dirs = [
    join(root, 'test', 'fixtures', 'linux'),
    join(root, 'test', 'fixtures', 'public'),
    join(root, 'samples'),
  ];
  let lines = 0;
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((f) => !f.endsWith('.json') && !f.endsWith('.md'))) {
      const text = readFileSync(join(dir, name), 'utf8');
      const parsed = parseLog(text);
      const index = buildLineIndexSync(arraySource(splitLines(text)));
      assert.equal(index.recordCount, parsed.records.length, name);
      for (const r of parsed.records) {
        const e = index.entryAt(r.line);
        const p = r.processes[0];
        assert.deepEqual(
          e && {
            state: e.state,
            from: e.from,
            range: [e.stateStart, e.stateEnd],
            format: e.format,
            key: e.connection.key,
            recvQ: e.recvQ,
            sendQ: e.sendQ,
            timer: e.timer,
            process: e.process,
          },
          {
            state: r.state,
            from: r.from,
            range: [r.stateStart, r.stateEnd],
            format: r.format,
            key: connectionKey(r),
            recvQ: r.recvQ,
            sendQ: r.sendQ,
            timer:
              r.timer === undefined
                ? undefined
                : {
                    kind: r.timer.kind,
                    seconds: r.timer.seconds === undefined ? undefined : Math.fround(r.timer.seconds),
                  },
            process:
              p === undefined
                ? undefined
                : p.pid === undefined || p.name === ''
                  ? processLabel(p)
                  : `${p.name} (pid ${p.pid})`,
          },
          `${name}:${r.line}`,
        );
      }
      assert.deepEqual(index.summary(), summarize(parsed), `${name}: summary`);
      assert.deepEqual(
        index.facts.findings,
        diagnose(parsed.records, parsed.kernelEvents),
        `${name}: findings`,
      );
      lines += parsed.records.length;
    }
  }
  assert.ok(lines > 1000, `${lines} connection lines compared`);
});
