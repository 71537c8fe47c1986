// Node (cli tier): `history`, `annotate` and `summary` of the built CLI on the real packet traces of
// test/fixtures/traces, checked against each scenario's truth file; with table rows in the same input; in Chinese.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  firstState,
  formsOf,
  packetLines,
  readTruth,
  root,
  runCli,
  traces,
  truthHistories,
  truthNames,
  type Truth,
} from './traceTruth';

const tmp = mkdtempSync(join(tmpdir(), 'tcp-states-trace-'));
const jsonLines = (out: string): Record<string, unknown>[] =>
  out
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** One form per scenario, rotating through the forms so that every form is run on some scenario. */
const picked: [string, string][] = truthNames.map((base, i) => {
  const forms = formsOf(base);
  return [base, forms[(i * 5) % forms.length]];
});

void test('there are 28 trace truths, and the rotation covers every textual form', () => {
  assert.equal(truthNames.length, 28);
  const all = new Set(truthNames.flatMap(formsOf));
  assert.ok(all.size >= 16, [...all].join(' '));
  assert.deepEqual(new Set(picked.map(([, f]) => f)), all);
});

void test('history --json: both ends of every connection of every scenario, as its truth says', () => {
  for (const [base, form] of picked) {
    const file = join(traces, `${base}.${form}.txt`);
    const truth = readTruth(base);
    const lines = packetLines(readFileSync(file, 'utf8'));
    assert.equal(lines.length, truth.packets.length, `${base}.${form}: packet lines`);
    const r = runCli(['history', '--json', file]);
    assert.equal(r.code, 0, r.err);
    const got = jsonLines(r.out);
    assert.deepEqual(
      got.map((h) => ({ side: h.side, connection: h.connection, states: h.states, lines: h.lines })),
      truthHistories(truth, lines),
      `${base}.${form}`,
    );
    const named = form !== 'default' && form !== 'n';
    for (const h of got) {
      assert.deepEqual(Object.keys(h), ['side', 'connection', 'local', 'remote', 'states', 'lines']);
      const c = (truth.connections ?? [truth])[h.connection as number];
      if (named) {
        const [me, peer] = h.side === 'client' ? [c.client, c.server] : [c.server, c.client];
        assert.match(String(h.local), new RegExp(`:${me.port}$`), `${base}.${form}`);
        assert.match(String(h.remote), new RegExp(`:${peer.port}$`), `${base}.${form}`);
      }
    }
  }
});

void test('history text: one readable line per end; table histories first when the input has both', () => {
  const r = runCli(['history', join(traces, 'finack-v4.n.txt')]);
  assert.equal(r.code, 0, r.err);
  assert.equal(
    r.out,
    [
      '#0 client 127.0.0.1:33806 → 127.0.0.1:7101: CLOSED → SYN_SENT → ESTABLISHED → FIN_WAIT_1 → TIME_WAIT (lines 2, 2, 3, 7, 8)',
      '#0 server 127.0.0.1:7101 → 127.0.0.1:33806: LISTEN → SYN_RECEIVED → ESTABLISHED → CLOSE_WAIT → LAST_ACK → CLOSED (lines 2, 2, 4, 7, 8, 9)',
      '',
    ].join('\n'),
  );
  // A real ss time series, then a real trace, in one input: the trace's lines count on from the table's.
  const ss = readFileSync(join(root, 'test', 'fixtures', 'linux', 'timeseries-ss-tanpo.log'), 'utf8');
  const trace = readFileSync(join(traces, 'refused-v4.n.txt'), 'utf8');
  const both = join(tmp, 'both.log');
  writeFileSync(both, ss + trace);
  const offset = ss.split('\n').length - 1;
  const got = jsonLines(runCli(['history', '--json', both]).out);
  assert.deepEqual(
    got.slice(0, 3).map((h) => h.side),
    [undefined, undefined, undefined],
  );
  assert.deepEqual(got.slice(3), [
    {
      side: 'client',
      connection: 0,
      local: '127.0.0.1:60784',
      remote: '127.0.0.1:7104',
      states: ['CLOSED', 'SYN_SENT', 'CLOSED'],
      lines: [offset + 2, offset + 2, offset + 3],
    },
    {
      side: 'server',
      connection: 0,
      local: '127.0.0.1:7104',
      remote: '127.0.0.1:60784',
      states: ['CLOSED'],
      lines: [offset + 2],
    },
  ]);
});

/** `client A → B · server C` as annotate prints it: an arrow only for the end this packet moved. */
function expectedStates(truth: Truth, lang: 'en' | 'zh'): string[] {
  const [cw, sw] = lang === 'zh' ? ['客户端', '服务端'] : ['client', 'server'];
  const last = new Map<number, [string, string]>();
  return truth.packets.map((p) => {
    const k = p.conn ?? 0;
    const [cb, sb] = last.get(k) ?? [firstState(truth, 'client'), firstState(truth, 'server')];
    last.set(k, [p.clientState, p.serverState]);
    const end = (b: string, a: string): string => (b === a ? a : `${b} → ${a}`);
    const conn = truth.connections !== undefined && truth.connections.length > 1 ? `#${k} ` : '';
    return `# ${conn}${cw} ${end(cb, p.clientState)} · ${sw} ${end(sb, p.serverState)} — `;
  });
}

void test('annotate: every input line echoed in order, each packet line with both ends’ states and its role', () => {
  for (const [base, form] of picked) {
    const file = join(traces, `${base}.${form}.txt`);
    const text = readFileSync(file, 'utf8');
    const truth = readTruth(base);
    const r = runCli(['annotate', file]);
    assert.equal(r.code, 0, r.err);
    const input = text.replace(/\n$/, '').split('\n');
    const out = r.out.replace(/\n$/, '').split('\n');
    assert.equal(out.length, input.length, `${base}.${form}: line count`);
    out.forEach((l, i) => assert.ok(l.startsWith(input[i]), `${base}.${form}:${i + 1} echoed`));
    const want = expectedStates(truth, 'en');
    packetLines(text).forEach((n, k) => {
      const comment = out[n - 1].slice(input[n - 1].length);
      assert.ok(comment.startsWith(`  ${want[k]}`), `${base}.${form}:${n}: ${comment} ≠ ${want[k]}`);
      assert.match(comment, / — (client|server) (sent|retransmitted) /);
    });
  }
});

void test('annotate --lang zh and LANG=zh_CN: the same states with Chinese words; a lost ACK says why', () => {
  const file = join(traces, 'lostack-v6.n.txt');
  const truth = readTruth('lostack-v6');
  const lines = packetLines(readFileSync(file, 'utf8'));
  for (const r of [
    runCli(['annotate', '--lang', 'zh', file]),
    runCli(['annotate', file], { LANG: 'zh_CN.UTF-8' }),
  ]) {
    assert.equal(r.code, 0, r.err);
    const out = r.out.split('\n');
    expectedStates(truth, 'zh').forEach((w, k) =>
      assert.ok(out[lines[k] - 1].includes(w), out[lines[k] - 1]),
    );
    assert.match(out[lines[0] - 1], /客户端发送SYN（主动打开连接）/);
    // Packet 7, the client's final ACK, was dropped (truth: lost): the server retransmits its FIN on packet 8.
    assert.equal(truth.packets[6].lost, true);
    assert.match(out[lines[6] - 1], new RegExp(`这个 ACK 丢失了：第 ${lines[7]} 行的重传说明它没有到达`));
  }
  const en = runCli(['annotate', file]).out.split('\n');
  assert.match(en[lines[6] - 1], new RegExp(`this ACK was lost: the retransmission on line ${lines[7]}`));
  assert.match(en[lines[7] - 1], /server retransmitted its FIN$/);
});

// What each scenario's design (its truth file's `doc`) makes of the connection, in Zeek's conn_state terms.
const OUTCOMES: Record<string, Record<string, number>> = {
  abort: { RSTO: 1 }, // close() with SO_LINGER {1, 0}: the client sends RST
  finack: { SF: 1 },
  halfclose: { SF: 1 },
  lostack: { SF: 1 },
  midclose: { S2: 1 }, // the client closes, the server never does
  midstart: { SF: 1 },
  multi: { SF: 3, RSTO: 2 }, // five connections, two of them ended by the client's RST
  normal: { SF: 1 },
  refused: { REJ: 1 }, // nothing listens: RST,ACK answers the SYN
  retrans: { SF: 1 },
  simclose: { SF: 1 },
  simopen: { SF: 1 },
  twrst: { RSTR: 1 }, // a RST from the server's side kills the client's TIME_WAIT
  zerowin: { SF: 1 },
};

void test('summary --json: connections by outcome and each end’s final state, for every scenario', () => {
  for (const [base, form] of picked) {
    const truth = readTruth(base);
    const r = runCli(['summary', '--json', join(traces, `${base}.${form}.txt`)]);
    assert.equal(r.code, 0, r.err);
    const got = JSON.parse(r.out) as {
      summary?: unknown;
      trace: {
        packets: number;
        connections: number;
        outcomes: { outcome: string; count: number; midStart: number }[];
        finalStates: { client: Record<string, number>; server: Record<string, number> };
      };
    };
    assert.equal(got.summary, undefined, 'a pure trace has no table summary');
    const t = got.trace;
    assert.equal(t.packets, truth.packets.length);
    const scenario = base.replace(/-v[46]$/, '');
    assert.deepEqual(
      Object.fromEntries(t.outcomes.map((o) => [o.outcome, o.count])),
      OUTCOMES[scenario],
      base,
    );
    for (const o of t.outcomes) assert.equal(o.midStart, truth.midStart ? o.count : 0);
    const finals = { client: {} as Record<string, number>, server: {} as Record<string, number> };
    const last = new Map<number, Truth['packets'][number]>();
    for (const p of truth.packets) last.set(p.conn ?? 0, p);
    for (const p of last.values()) {
      finals.client[p.clientState] = (finals.client[p.clientState] ?? 0) + 1;
      finals.server[p.serverState] = (finals.server[p.serverState] ?? 0) + 1;
    }
    assert.equal(t.connections, last.size);
    assert.deepEqual(t.finalStates, finals, base);
  }
});

void test('summary text: the table summary, then the trace’s, in English and Chinese', () => {
  const ss = readFileSync(join(root, 'test', 'fixtures', 'linux', 'timeseries-ss-tanpo.log'), 'utf8');
  const both = join(tmp, 'both-summary.log');
  writeFileSync(both, ss + readFileSync(join(traces, 'multi-v4.n.txt'), 'utf8'));
  const en = runCli(['summary', both]);
  assert.equal(en.code, 0, en.err);
  const head = en.out.indexOf('Packet trace: 5 connections, 36 packets');
  assert.ok(head > 0 && en.out.slice(0, head).includes('Diagnosis'), en.out);
  const tail = en.out.slice(head);
  assert.match(tail, /\n {2}SF +3 {2}normal close: both ends sent FIN\n/);
  assert.match(tail, /\n {2}RSTO +2 {2}reset by the client \(originator\)\n/);
  assert.match(tail, /\n {2}client +3 TIME_WAIT · 2 CLOSED\n {2}server +5 CLOSED\n/);
  const json = JSON.parse(runCli(['summary', '--json', both]).out) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json), ['summary', 'findings', 'trace']);
  const zh = runCli(['summary', '--lang', 'zh', join(traces, 'midstart-v4.n.txt')]);
  assert.match(zh.out, /^抓包：1 条连接，8 个报文\n/);
  assert.match(zh.out, /SF +1 {2}正常关闭：两端都发送了 FIN（其中 1 条从连接中途开始：两端按端口推测）/);
});

void test('log text around a trace reaches the terminal escaped, in annotate, history and summary', () => {
  const trace = readFileSync(join(traces, 'normal-v4.n.txt'), 'utf8').split('\n');
  // A title-setting OSC sequence on a line of its own, and a screen clear after a packet's own text.
  trace.splice(3, 0, '\x1b]0;pwned\x07 note');
  trace[5] += ' \x1b[2J\r!';
  const file = join(tmp, 'escapes.txt');
  writeFileSync(file, trace.join('\n'));
  for (const cmd of ['annotate', 'history', 'summary', 'parse']) {
    const r = runCli([cmd, file]);
    assert.equal(r.code, 0, r.err);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(r.out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, cmd);
  }
  const out = runCli(['annotate', file]).out.split('\n');
  assert.equal(out[3], '\\x1b]0;pwned\\x07 note');
  assert.match(out[5], / \\x1b\[2J\\r! {2}# client /);
});

void test('annotate says on its first packet only that a trace starts mid-connection (en and zh)', () => {
  const file = join(traces, 'midstart-v4.nn.txt');
  for (const [lang, words] of [
    ['en', 'the trace starts mid-connection'],
    ['zh', '抓包从连接中途开始'],
  ] as const) {
    const r = runCli(['annotate', '--lang', lang, file]);
    assert.equal(r.code, 0, r.err);
    const marked = r.out.split('\n').filter((l) => l.includes(words));
    assert.equal(marked.length, 1, lang);
    assert.match(
      marked[0] ?? '',
      /^19:00:27\.383542 IP 127\.0\.0\.1\.7110 > 127\.0\.0\.1\.60562: Flags \[P\.\]/,
    );
  }
  const normal = runCli(['annotate', join(traces, 'normal-v4.nn.txt')]);
  assert.doesNotMatch(normal.out, /mid-connection/);
});
