// Node (unit tier): `summary` on two threads (the file's second half parsed apart, then merged) prints exactly what one thread prints.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCliArgs, UsageError } from '../../cli/cliArgs';
import {
  partInWorker,
  readSummaryInput,
  summarizePart,
  SummaryState,
  type ReadMode,
  type SplitConfig,
} from '../../cli/summarySplit';
import { DEFAULT_DIAGNOSIS_OPTIONS, type DiagnosisOptions } from '../../core/analysis/diagnosis';
import { formatSummaryText } from '../../core/analysis/summaryText';
import { summarizeTrace } from '../../core/analysis/traceSummary';

const root = join(__dirname, '..', '..');
const linux = join(root, 'test', 'fixtures', 'linux');
const publicDir = join(root, 'test', 'fixtures', 'public');
const dir = mkdtempSync(join(tmpdir(), 'tcp-states-split-'));

/** Every threshold at its lowest, so most groups turn into findings and the merge of each one shows. */
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

const inProcess: SplitConfig['runPart'] = (req) => ({
  result: Promise.resolve(summarizePart(req)),
  cancel: () => undefined,
});

interface Output {
  readonly mode: ReadMode;
  readonly text: string;
  readonly json: string;
}

async function summarize(file: string, options: DiagnosisOptions, config: SplitConfig): Promise<Output> {
  const s = new SummaryState(options);
  const mode = await readSummaryInput(file, s, options, config, process.stdin);
  for (const e of s.parser.kernelEvents) s.collector.addKernelEvent(e);
  const summary = s.builder.result(s.parser.snapshots, { top: 5 });
  const findings = s.collector.findings();
  return {
    mode,
    text: formatSummaryText(summary, findings, 'en'),
    json: JSON.stringify({ summary, findings, snapshots: s.parser.snapshots, kernel: s.parser.kernelEvents }),
  };
}

function fixture(dirName: string, name: string): string {
  const text = readFileSync(join(dirName, name), 'utf8');
  return text.endsWith('\n') ? text : `${text}\n`;
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Lines that change the parser's state: headers, banners, timestamps, indented continuation lines. */
const STATEFUL =
  /^(State|Netid|Proto|Active|Aktive|Aktivní|Conexões|Aktiva|Recv-Q|[A-Z][a-z]{2} [A-Z][a-z]{2} |\s)/;

/**
 * Byte offsets of line starts after the first: every one in a short file; in a long one about 150 spread
 * evenly plus those just before and after every line that changes the parser's state.
 */
function lineStarts(text: string): number[] {
  const lines = text.split('\n');
  const step = Math.max(1, Math.floor(lines.length / 150));
  const out: number[] = [];
  let offset = 0;
  for (let i = 0; i < lines.length - 1; i++) {
    offset += Buffer.byteLength(lines[i]) + 1;
    const near = STATEFUL.test(lines[i]) || STATEFUL.test(lines[i + 1]);
    if ((i + 1) % step === 0 || near) out.push(offset);
  }
  // At most ~250 (a Windows capture's rows are all indented): every k-th, k varying so neighbours still meet.
  if (out.length <= 250) return out;
  const thin: number[] = [];
  for (let i = 0; i < out.length; i += 1 + (i % 3)) thin.push(out[i]);
  return thin;
}

/** Cuts the file at many line starts (all in a short file) and checks two threads print what one prints; returns how often each way was taken. */
async function everyCut(file: string, options: DiagnosisOptions): Promise<Record<ReadMode, number>> {
  const one = await summarize(file, options, { threads: 1 });
  assert.equal(one.mode, 'one');
  const seen: Record<ReadMode, number> = { one: 0, split: 0, fallback: 0 };
  for (const at of lineStarts(readFileSync(file, 'utf8'))) {
    const two = await summarize(file, options, { threads: 2, runPart: inProcess, minBytes: 0, splitAt: at });
    seen[two.mode]++;
    assert.equal(two.text, one.text, `${file} cut at byte ${at} (${two.mode}): text differs`);
    assert.equal(two.json, one.json, `${file} cut at byte ${at} (${two.mode}): JSON differs`);
  }
  return seen;
}

const SS = fixture(linux, 'ss-tanpo.txt');
const NETSTAT = fixture(linux, 'netstat-tanpo.txt');
const TIMESERIES = fixture(linux, 'timeseries-ss-tanpo.log');

const INPUTS: Record<string, string> = {
  // Repeated tables: every header after the first starts a snapshot.
  'ss-tanpo x3': SS + SS + SS,
  'netstat-tanpo x3': NETSTAT + NETSTAT + NETSTAT,
  timeseries: TIMESERIES,
  // ss -i continuation lines: a cut just before one must not be taken apart.
  'ss-tani': fixture(linux, 'ss-tani.txt'),
  // Every dialect after another, Windows -b owner lines and kernel-free transition logs included.
  mixed: [
    ...readdirSync(linux)
      .filter((n) => n.endsWith('.txt'))
      .sort()
      .map((n) => fixture(linux, n)),
    ...[
      'windows-netstat-abno.txt',
      'bcc-tcpstates.txt',
      'freebsd-netstat-an-p-tcp.txt',
      'nettools-de-netstat-tan.txt',
    ].map((n) => fixture(publicDir, n)),
    TIMESERIES,
  ].join(''),
};

for (const [name, text] of Object.entries(INPUTS)) {
  void test(`summary split at many lines of ${name} prints what one thread prints (default and lowest thresholds)`, async () => {
    const file = write(`${name.replace(/\W+/g, '-')}.txt`, text);
    for (const options of [DEFAULT_DIAGNOSIS_OPTIONS, LOW]) {
      const seen = await everyCut(file, options);
      assert.ok(seen.split > 0, `${name}: some cuts are merged (${JSON.stringify(seen)})`);
      assert.ok(seen.fallback > 0, `${name}: some cuts fall back (${JSON.stringify(seen)})`);
    }
  });
}

void test('a cut right after a header falls back; a cut inside a snapshot is merged', async () => {
  const text = SS + SS;
  const file = write('ss-twice.txt', text);
  const one = await summarize(file, LOW, { threads: 1 });
  const secondHeader = Buffer.byteLength(SS);
  const afterHeader = secondHeader + Buffer.byteLength(SS.slice(0, SS.indexOf('\n') + 1));
  const after = await summarize(file, LOW, {
    threads: 2,
    runPart: inProcess,
    minBytes: 0,
    splitAt: afterHeader,
  });
  assert.equal(after.mode, 'fallback');
  assert.equal(after.text, one.text);
  assert.equal(after.json, one.json);
  const inside = await summarize(file, LOW, {
    threads: 2,
    runPart: inProcess,
    minBytes: 0,
    splitAt: afterHeader + 300,
  });
  assert.equal(inside.mode, 'split');
  assert.equal(inside.text, one.text);
  assert.equal(inside.json, one.json);
  // A cut right at the second header: the worker's first line starts a new snapshot.
  const atHeader = await summarize(file, LOW, {
    threads: 2,
    runPart: inProcess,
    minBytes: 0,
    splitAt: secondHeader,
  });
  assert.equal(atHeader.mode, 'split');
  assert.equal(atHeader.json, one.json);
});

void test('CLOSE_WAIT rows without an owner are grouped by the LISTEN rows before the cut', async () => {
  const header = 'State      Recv-Q Send-Q Local Address:Port   Peer Address:Port Process\n';
  const listen = 'LISTEN     0      128    10.0.0.5:9000        0.0.0.0:*\n';
  // Remote port above local but below 32768: only a listener on 9000 makes the local side the service.
  const cw = (n: number): string => `CLOSE-WAIT 1      0      10.0.0.5:9000        10.0.0.${n}:12000\n`;
  const other = (n: number): string => `CLOSE-WAIT 0      0      10.0.0.5:7000        10.0.1.${n}:12000\n`;
  const rows = [cw(1), other(1), cw(2), listen, cw(3), other(2), cw(4)];
  const file = write('closewait.txt', header + rows.join('') + rows.join(''));
  const seen = await everyCut(file, LOW);
  assert.ok(seen.split > 5);
});

void test('a 17 MB file is cut in two, the second half parsed in a real Worker, and prints what one thread prints', async () => {
  const rows = NETSTAT.split('\n')
    .slice(2)
    .filter((l) => l.length > 0);
  const head = NETSTAT.split('\n').slice(0, 2).join('\n') + '\n';
  const body: string[] = [];
  let size = 0;
  for (let i = 0; size < 17 << 20; i++) {
    const line = rows[i % rows.length].replace(
      /:(\d{5})\b/,
      (_m, p: string) => `:${32768 + ((Number(p) + i) % 28000)}`,
    );
    body.push(line);
    size += line.length + 1;
  }
  const file = write('big-netstat.txt', head + body.join('\n') + '\n');
  const one = await summarize(file, LOW, { threads: 1 });
  const two = await summarize(file, LOW, {
    threads: 2,
    runPart: partInWorker(join(root, 'cli', 'cli.ts')),
  });
  assert.equal(two.mode, 'split');
  assert.equal(two.text, one.text);
  assert.equal(two.json, one.json);
});

void test('--threads N is a positive whole number; summary --threads 1 and TCP_STATES_THREADS=1 print what the default prints', () => {
  assert.equal(parseCliArgs(['summary', '--threads', '1', 'f']).threads, 1);
  assert.equal(parseCliArgs(['summary', '--threads=2', 'f']).threads, 2);
  assert.equal(parseCliArgs(['summary', 'f']).threads, undefined);
  assert.throws(() => parseCliArgs(['summary', '--threads', '0', 'f']), UsageError);
  const file = write('ss-cli.txt', SS + SS);
  const run = (args: string[], env: NodeJS.ProcessEnv = {}): string =>
    spawnSync(process.execPath, ['--import', 'tsx', join(root, 'cli', 'cli.ts'), 'summary', ...args, file], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C', LC_ALL: '', NO_COLOR: '1', ...env },
    }).stdout;
  const dflt = run(['--json']);
  assert.ok(dflt.startsWith('{"summary"'));
  assert.equal(run(['--json', '--threads', '1']), dflt);
  assert.equal(run(['--json'], { TCP_STATES_THREADS: '1' }), dflt);
});

void test('a trace in either half of a split file: its packets are read in order on the main thread', async () => {
  const trace = fixture(join(root, 'test', 'fixtures', 'traces'), 'multi-v4.vv.txt');
  for (const [name, text] of [
    ['ss then trace', SS + SS + trace],
    ['trace then ss', trace + SS + SS],
  ]) {
    const file = write(`${name.replace(/ /g, '-')}.txt`, text);
    const oneState = new SummaryState(LOW);
    await readSummaryInput(file, oneState, LOW, { threads: 1 }, process.stdin);
    const one = JSON.stringify(summarizeTrace(oneState.trace.result()));
    for (const at of lineStarts(text).filter((_, i) => i % 7 === 0)) {
      const s = new SummaryState(LOW);
      const mode = await readSummaryInput(
        file,
        s,
        LOW,
        { threads: 2, runPart: inProcess, minBytes: 0, splitAt: at },
        process.stdin,
      );
      assert.notEqual(mode, 'split', `${name} cut at ${at}`);
      assert.equal(JSON.stringify(summarizeTrace(s.trace.result())), one, `${name} cut at ${at}`);
    }
    assert.ok(one.includes('"connections":5'));
  }
});
