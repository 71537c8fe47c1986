// Node (unit tier): the tcp-states CLI, spawned as a user would run it, on fixtures, temp files and stdin.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const entry = join(root, 'cli', 'cli.ts');

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function run(args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, ...args], {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const SS = [
  'State      Recv-Q Send-Q Local Address:Port   Peer Address:Port Process',
  'LISTEN     0      128    0.0.0.0:22           0.0.0.0:*         users:(("sshd",pid=700,fd=3))',
  'ESTAB      0      0      10.0.0.5:22          10.0.0.77:50712   users:(("sshd",pid=1201,fd=4)) timer:(keepalive,89min,0)',
  'CLOSE-WAIT 1      0      [::1]:8080           [::1]:61234       users:(("java",pid=2222,fd=91))',
  'TIME-WAIT  0      0      10.0.0.5:43210       10.0.1.20:5432    timer:(timewait,41sec,0)',
  '',
].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'tcp-states-cli-'));
const ssFile = join(dir, 'conns.ss.txt');
writeFileSync(ssFile, SS);

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

void test('--help, --version and per-command help exit 0', () => {
  const h = run(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /Usage: tcp-states <command>/);
  assert.match(h.out, /summary/);
  const v = run(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.out, /^tcp-states \d+\.\d+\.\d+\n$/);
  for (const cmd of ['parse', 'history', 'summary', 'annotate', 'explain']) {
    const r = run([cmd, '-h']);
    assert.equal(r.code, 0, cmd);
    assert.match(r.out, new RegExp(`Usage: tcp-states ${cmd}`));
  }
  assert.match(run(['help', 'summary']).out, /--threshold/);
});

void test('usage errors exit 2 with a hint on stderr', () => {
  for (const args of [
    [],
    ['frobnicate'],
    ['summary', '--bogus'],
    ['summary', '--lang', 'fr'],
    ['history', 'a', 'b'],
    ['summary', '--threshold', 'nope=3'],
    ['explain'],
    ['annotate', '--json'],
    ['explain', '--json', 'TIME_WAIT'],
  ]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^tcp-states: .+\nTry 'tcp-states.*--help'/, args.join(' '));
    assert.equal(r.out, '');
  }
});

void test('annotate --json is refused, not silently ignored: one error line, a hint, exit 2, nothing on stdout', () => {
  const r = run(['annotate', '--json', ssFile]);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err.split('\n')[0], "tcp-states: annotate has no JSON output: unknown option '--json'");
});

void test('an unreadable file is reported, the others still processed, exit 1', () => {
  const missing = join(dir, 'nope.txt');
  const r = run(['parse', '--json', missing, ssFile]);
  assert.equal(r.code, 1);
  assert.equal(r.err, `tcp-states: cannot read ${missing}: No such file or directory\n`);
  const rows = jsonLines(r.out);
  assert.equal(rows.length, 4);
  assert.equal(rows[0].file, ssFile);
  assert.equal(run(['summary', dir]).code, 1);
});

void test('parse --json prints one JSON object per connection line with the documented fields', () => {
  const r = run(['parse', '--json', ssFile]);
  assert.equal(r.code, 0, r.err);
  const rows = jsonLines(r.out);
  assert.equal(rows.length, 4);
  const { snapshot, ...first } = rows[0];
  assert.ok(snapshot === undefined || snapshot === 0);
  assert.deepEqual(first, {
    line: 2,
    format: 'ss',
    state: 'LISTEN',
    rawState: 'LISTEN',
    local: '*:22',
    remote: '*:*',
    recvQ: 0,
    sendQ: 128,
    processes: [{ name: 'sshd', pid: 700, fd: 3 }],
  });
  assert.equal(rows[1].state, 'ESTABLISHED');
  assert.equal(rows[1].rawState, 'ESTAB');
  assert.deepEqual(rows[1].timer, { kind: 'keepalive', seconds: 5340, retrans: 0 });
  assert.equal(rows[2].local, '[::1]:8080');
  assert.equal(rows[2].state, 'CLOSE_WAIT');
  assert.equal(rows[3].state, 'TIME_WAIT');
  assert.equal('file' in rows[0], false);
});

void test('stdin works, and parse without --json prints a table', () => {
  const r = run(['parse'], SS);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^\s*LINE\s+FORMAT\s+STATE/);
  assert.match(r.out, /CLOSE_WAIT .*\[::1\]:8080 .*java\/2222/);
  const j = run(['parse', '--json', '-'], SS.replace(/\n/g, '\r\n'));
  assert.equal(jsonLines(j.out).length, 4, 'CRLF input');
});

void test('summary counts states and diagnoses, in English and Chinese', () => {
  const en = run(['summary', ssFile]);
  assert.equal(en.code, 0, en.err);
  assert.match(en.out, /^4 connections \(ss\)/);
  assert.match(en.out, /1 LISTEN · 1 ESTABLISHED · 1 CLOSE_WAIT · 1 TIME_WAIT/);
  assert.match(en.out, /Nothing looks wrong/);
  const zh = run(['summary', '--lang', 'zh', ssFile]);
  assert.match(zh.out, /共 4 条连接/);
  assert.match(run(['summary', ssFile], undefined, { LANG: 'zh_CN.UTF-8' }).out, /共 4 条连接/);
  const low = run(['summary', '--json', '--threshold', 'close-wait=1', ssFile]);
  const obj = JSON.parse(low.out) as {
    summary: { total: number; states: Record<string, number> };
    findings: { id: string; lines: number[] }[];
  };
  assert.equal(obj.summary.total, 4);
  assert.equal(obj.summary.states.CLOSE_WAIT, 1);
  assert.deepEqual(
    obj.findings.map((f) => [f.id, f.lines]),
    [['close-wait-pileup', [4]]],
  );
});

void test('annotate echoes every line with the meaning beside connection lines, colour only when asked for', () => {
  const r = run(['annotate', ssFile]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.equal(lines[0], SS.split('\n')[0]);
  assert.match(lines[2], /^ESTAB .* {2}# ESTABLISHED: \S/);
  assert.match(lines[3], /# CLOSE_WAIT: /);
  assert.ok(!r.out.includes('\u001b['), 'no ANSI escapes when stdout is not a terminal');
  assert.match(run(['annotate', '--lang', 'zh', ssFile]).out, /# ESTABLISHED: .*[\u4e00-\u9fff]/);
});

void test('history follows a 4-tuple across snapshots', () => {
  const series = [
    'Mon Jan  1 10:00:00 UTC 2024',
    SS,
    'Mon Jan  1 10:00:01 UTC 2024',
    SS.replace('CLOSE-WAIT 1', 'LAST-ACK   1'),
  ].join('\n');
  const file = join(dir, 'series.txt');
  writeFileSync(file, series);
  const j = run(['history', '--json', file]);
  assert.equal(j.code, 0, j.err);
  const hs = jsonLines(j.out);
  const cw = hs.find((h) => h.local === '[::1]:8080');
  assert.deepEqual(cw, {
    local: '[::1]:8080',
    remote: '[::1]:61234',
    states: ['CLOSE_WAIT', 'LAST_ACK'],
    lines: [5, 12],
  });
  assert.match(
    run(['history', file]).out,
    /\[::1\]:8080 → \[::1\]:61234: CLOSE_WAIT → LAST_ACK \(lines 5, 12\)/,
  );
});

void test('explain accepts any spelling, in both languages; an unknown state exits 2 listing the states', () => {
  for (const spelling of ['time-wait', 'TIME_WAIT', '06', 'WARTEND']) {
    const r = run(['explain', spelling]);
    assert.equal(r.code, 0, `${spelling}: ${r.err}`);
    assert.match(r.out, /^TIME_WAIT/, spelling);
    assert.match(r.out, /tcp_tw_reuse/);
  }
  for (const [spelling, state] of [
    ['VERBUNDEN', 'ESTABLISHED'],
    ['ABH™REN', 'LISTEN'],
    ['SYN_RCVD', 'SYN_RECEIVED'],
    ['LISTENING', 'LISTEN'],
  ]) {
    const r = run(['explain', spelling]);
    assert.equal(r.code, 0, `${spelling}: ${r.err}`);
    assert.match(r.out, new RegExp(`^${state}`), spelling);
  }
  const zh = run(['explain', 'close-wait', '--lang', 'zh']);
  assert.match(zh.out, /^CLOSE_WAIT/);
  assert.match(zh.out, /含义:\n\s+\S*[\u4e00-\u9fff]/);
  const bad = run(['explain', 'HALF_OPEN']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown state 'HALF_OPEN'.*TIME_WAIT/);
});

void test('explain shows the corrected facts in both languages (Windows TIME_WAIT, SYN retries, CLOSED on BSD)', () => {
  const tw = run(['explain', 'TIME_WAIT']).out;
  assert.match(tw, /Windows: 120 s by default since Windows Server 2003/);
  assert.match(tw, /Never lower tcp_max_tw_buckets/);
  const twZh = run(['explain', 'TIME_WAIT', '--lang', 'zh']).out;
  assert.match(twZh, /自 Windows Server 2003 起默认 120 秒/);
  assert.match(run(['explain', 'SYN_SENT']).out, /≈ 131 s since Linux 6\.5/);
  assert.match(run(['explain', 'SYN_SENT', '--lang', 'zh']).out, /Linux 6\.5 起约 131 秒/);
  assert.match(run(['explain', 'CLOSED']).out, /macOS\/BSD netstat -a does print CLOSED/);
  assert.match(run(['explain', 'SYN_RECEIVED', '--lang', 'zh']).out, /不同于 RFC 9293 所说的“半开连接”/);
});

void test('every real capture under test/fixtures parses without error and the JSON Lines are well formed', () => {
  const files: string[] = [];
  const walk = (d: string): void => {
    const names = readdirSync(d, { withFileTypes: true }).map((e) =>
      e.isDirectory() ? `${e.name}/` : e.name,
    );
    for (const n of names)
      if (n.endsWith('/')) walk(join(d, n.slice(0, -1)));
      else if (!n.endsWith('.json') && !n.endsWith('.md')) files.push(join(d, n));
  };
  walk(join(root, 'test', 'fixtures'));
  // The fixtures are the point of this test: finding none (a moved folder, a bad path) is a failure, not a pass.
  assert.ok(files.length >= 20, `found ${files.length} capture files under test/fixtures`);
  let rows = 0;
  for (const f of files.slice(0, 40)) {
    const r = run(['parse', '--json', f]);
    assert.equal(r.code, 0, `${f}: ${r.err}`);
    const lines = readFileSync(f, 'utf8').split('\n').length;
    for (const row of r.out.trim() === '' ? [] : jsonLines(r.out)) {
      rows++;
      assert.ok(typeof row.line === 'number' && row.line >= 1 && row.line <= lines, f);
      assert.match(String(row.local), /:(\d+|\*)$/);
    }
  }
  assert.ok(rows >= 200, `${rows} connection rows in the first 40 captures`);
});

void test('parse on a real packet trace: one record per packet with both ends’ states as the scenario designed them', () => {
  for (const scenario of ['lostack-v4', 'finack-v4', 'refused-v4']) {
    const truth = JSON.parse(
      readFileSync(join(root, 'test', 'fixtures', 'traces', `${scenario}.truth.json`), 'utf8'),
    ) as {
      packets: { clientState: string; serverState: string; flags: string }[];
    };
    for (const form of ['n', 'default', 'tttt', 'tshark-n']) {
      const file = join(root, 'test', 'fixtures', 'traces', `${scenario}.${form}.txt`);
      const r = run(['parse', '--json', file]);
      assert.equal(r.code, 0, r.err);
      const recs = r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      assert.deepEqual(
        recs.map((x) => [x.clientState, x.serverState]),
        truth.packets.map((p) => [p.clientState, p.serverState]),
        `${scenario}.${form}`,
      );
      for (const x of recs) {
        assert.equal(x.format, form.startsWith('tshark') ? 'tshark' : 'tcpdump');
        // The default form prints names (tcpdump without -n): localhost.
        assert.match(String(x.client), /^(127\.0\.0\.1|localhost):\d+$/);
        assert.match(String(x.server), /^(127\.0\.0\.1|localhost):\d+$/);
        assert.equal(typeof x.line, 'number');
        assert.equal(typeof x.flags, 'string');
      }
    }
  }
  const table = run(['parse', join(root, 'test', 'fixtures', 'traces', 'lostack-v4.n.txt')]);
  assert.match(table.out, /\[F\.\] .* client TIME_WAIT · server LAST_ACK/);
});
