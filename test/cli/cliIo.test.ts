// Node (cli tier): the CLI on awkward inputs and outputs — FIFOs and process substitution, CR-only line ends,
// a full disk, and a reader that goes away (`| head -1`) — spawned as a user would run it, on real captures.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const entry = join(root, 'cli', 'cli.ts');
const capture = join(root, 'test', 'fixtures', 'linux', 'ss-tanpo.txt');
const dir = mkdtempSync(join(tmpdir(), 'tcp-states-io-'));
const env = { ...process.env, LANG: 'C', LC_ALL: '', NO_COLOR: '' };

/** The CLI through a shell, for redirections and pipes the test means literally. */
function sh(script: string): { code: number | null; out: string; err: string } {
  const r = spawnSync('bash', ['-c', script], { cwd: root, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const cli = `'${process.execPath}' --import tsx '${entry}'`;

const plain = sh(`${cli} summary '${capture}'`);
const records = sh(`${cli} parse --json '${capture}'`);

void test('the baseline: summary and parse of the real capture', () => {
  assert.equal(plain.code, 0, plain.err);
  assert.match(plain.out, /^57 connections \(ss\)/);
  assert.equal(records.out.trim().split('\n').length, 57);
});

void test('summary reads a FIFO, <(…) and /dev/stdin on a pipe like the file itself (no ESPIPE)', () => {
  const fifo = join(dir, 'fifo');
  assert.equal(sh(`mkfifo '${fifo}'`).code, 0);
  const viaFifo = sh(`cat '${capture}' > '${fifo}' & ${cli} summary '${fifo}'; wait`);
  assert.equal(viaFifo.err, '');
  assert.equal(viaFifo.code, 0);
  assert.equal(viaFifo.out.replaceAll(fifo, 'F'), plain.out.replaceAll(capture, 'F'));
  const viaSubst = sh(`${cli} summary <(cat '${capture}')`);
  assert.equal(viaSubst.code, 0, viaSubst.err);
  assert.match(viaSubst.out, /^57 connections \(ss\)/);
  const viaStdin = sh(`cat '${capture}' | ${cli} summary /dev/stdin`);
  assert.equal(viaStdin.code, 0, viaStdin.err);
  assert.match(viaStdin.out, /^57 connections \(ss\)/);
  rmSync(fifo);
});

void test('CR-only line ends give the same records as LF', () => {
  const cr = join(dir, 'cr.txt');
  writeFileSync(cr, readFileSync(capture, 'latin1').replaceAll('\n', '\r'), 'latin1');
  const got = sh(`${cli} parse --json '${cr}'`);
  assert.equal(got.code, 0, got.err);
  assert.equal(got.out.replaceAll(cr, 'F'), records.out.replaceAll(capture, 'F'));
  const crlf = join(dir, 'crlf.txt');
  writeFileSync(crlf, readFileSync(capture, 'latin1').replaceAll('\n', '\r\n'), 'latin1');
  assert.equal(
    sh(`${cli} parse --json '${crlf}'`).out.replaceAll(crlf, 'F'),
    records.out.replaceAll(capture, 'F'),
  );
});

void test('a write error is one line on stderr and exit 1, no stack trace', () => {
  const full = sh(`${cli} parse --json '${capture}' > /dev/full`);
  assert.equal(full.code, 1);
  assert.equal(full.err, 'tcp-states: write error: No space left on device\n');
});

void test('| head -1 stops the run early: the reader going away is noticed while the input is still coming', async () => {
  // The input is a FIFO this test keeps writing to: a CLI that noticed EPIPE only at the end of its input would
  // wait for more forever; one that notices it while reading exits with the input not yet ended.
  const fifo = join(dir, 'head-fifo');
  assert.equal(sh(`mkfifo '${fifo}'`).code, 0);
  const text = readFileSync(capture, 'utf8');
  const [header, ...rest] = text.split('\n');
  const block = rest.filter(Boolean).join('\n') + '\n';
  const child = spawn(process.execPath, ['--import', 'tsx', entry, 'parse', '--json', fifo], { env });
  let exited = false;
  const exit = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exited = true;
      resolve(code);
    }),
  );
  let first = '';
  child.stdout.on('data', (chunk: Buffer) => {
    if (first.includes('\n')) return;
    first += chunk.toString();
    if (first.includes('\n')) child.stdout.destroy(); // as head does after its line
  });
  const writer = createWriteStream(fifo);
  writer.on('error', () => undefined); // EPIPE once the CLI has gone: expected
  writer.write(header + '\n');
  const LIMIT = 200_000; // blocks of 57 lines: far more than the CLI reads before it stops
  let blocks = 0;
  while (!exited && blocks < LIMIT) {
    if (!writer.write(block))
      await Promise.race([
        new Promise<void>((resolve) => writer.once('drain', () => resolve()).once('error', () => resolve())),
        exit,
      ]);
    blocks++;
  }
  const code = await exit;
  writer.destroy();
  rmSync(fifo);
  assert.equal(code, 0, 'EPIPE ends the run quietly');
  assert.ok(blocks < LIMIT, 'the CLI exited while its input was still being written');
  assert.match(first.split('\n')[0], /^\{"line":2,/);
});

void test('control characters from the log never reach the terminal raw: shown as \\xHH in every human output', () => {
  // A real row of the capture (its owner already named `we"ird (x,y`) with that name replaced by one holding OSC (set title … BEL), CSI 2J
  // (clear screen) and a C1 CSI.
  const row = readFileSync(capture, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('ESTAB') && l.includes('users:(("we"ird (x,y",pid='))!;
  const hostile = row.replace('we"ird (x,y', '\x1b]0;pwned\x07\x1b[2J\u009bevil');
  const file = join(dir, 'hostile.txt');
  writeFileSync(file, readFileSync(capture, 'utf8').split('\n')[0] + '\n' + hostile + '\n');
  for (const command of ['summary', 'annotate', 'parse', 'history']) {
    const r = sh(`${cli} ${command} '${file}'`);
    assert.equal(r.code, 0, `${command}: ${r.err}`);
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(r.out, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, `${command} printed a control character`);
  }
  assert.match(sh(`${cli} annotate '${file}'`).out, /\\x1b\]0;pwned\\x07\\x1b\[2J\\x9bevil/);
  assert.match(sh(`${cli} summary '${file}'`).out, /\\x1b\]0;pwned/);
  // JSON keeps the exact name, escaped as JSON escapes it.
  const json = sh(`${cli} parse --json '${file}'`).out;
  const rec = JSON.parse(json.trim().split('\n')[0]) as { processes: { name: string }[] };
  assert.equal(rec.processes[0].name, '\x1b]0;pwned\x07\x1b[2J\u009bevil');
});

void test('UTF-16 input (PowerShell `>`: LE with a BOM; BE; no BOM) gives the records of its UTF-8 original', () => {
  const enc = join(root, 'test', 'fixtures', 'encodings');
  const pairs: [string, string][] = [
    ['windows-de-netstat-ano.utf16le-bom.txt', join('public', 'windows-de-netstat-ano.txt')],
    ['windows-de-netstat-ano.utf16be-bom.txt', join('public', 'windows-de-netstat-ano.txt')],
    ['ss-tanpo.utf16le-nobom.txt', join('linux', 'ss-tanpo.txt')],
    ['ss-tanpo.utf16be-nobom.txt', join('linux', 'ss-tanpo.txt')],
  ];
  for (const [encoded, original] of pairs) {
    const want = sh(`${cli} parse --json '${join(root, 'test', 'fixtures', original)}'`);
    const got = sh(`${cli} parse --json '${join(enc, encoded)}'`);
    assert.equal(got.code, 0, got.err);
    assert.ok(want.out.length > 500, original);
    assert.equal(got.out, want.out, encoded);
    // summary reads the file on its own path (split across threads for big files): the same counts.
    const head = (t: string): string => t.split('\n').slice(0, 2).join('\n');
    assert.equal(
      head(sh(`${cli} summary '${join(enc, encoded)}'`).out),
      head(sh(`${cli} summary '${join(root, 'test', 'fixtures', original)}'`).out),
    );
    // And through a pipe.
    assert.equal(
      sh(`cat '${join(enc, encoded)}' | ${cli} parse --json`).out,
      want.out,
      `${encoded} on stdin`,
    );
  }
  // The German sample's non-ASCII state word survives the decoding.
  assert.match(
    sh(`${cli} parse --json '${join(enc, 'windows-de-netstat-ano.utf16le-bom.txt')}'`).out,
    /"rawState":"ABHÖREN"/,
  );
});
