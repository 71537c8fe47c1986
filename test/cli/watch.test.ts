// Node (cli tier): `tcp-states watch` against real loopback connections this test opens, half-closes and closes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const entry = join(root, 'cli', 'cli.ts');
const INTERVAL = 100;
/** Each step is held for several polls, so a state that lasts until the next step is seen. */
const HOLD = 600;

interface Change {
  t: string;
  local: string;
  remote: string;
  from: string | null;
  to: string | null;
  process?: string;
  pid?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** The states each connection went through, from its change events (the `to` of each, `gone` left out). */
function paths(changes: readonly Change[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of changes) {
    const key = `${c.local} ${c.remote}`;
    const path = out.get(key) ?? [];
    if (c.from === null) assert.equal(path.length, 0, `${key} appears once`);
    else assert.equal(c.from, path[path.length - 1], `${key}: from is the state last reported`);
    if (c.to !== null) path.push(c.to);
    out.set(key, path);
  }
  return out;
}

/** Drops the states a fast loopback may or may not show between two polls. */
function withoutTransient(path: readonly string[]): string[] {
  return path.filter((s) => s !== 'FIN_WAIT_1' && s !== 'LAST_ACK');
}

void test('watch --json: a loopback connection through half-close and close, recorded so that history reads the same paths', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tcp-states-watch-'));
  const recordFile = join(dir, 'live.log');
  let accepted: Socket | undefined;
  // allowHalfOpen: the server stays in CLOSE_WAIT after the client's FIN until this test closes it.
  const server = createServer({ allowHalfOpen: true }, (s) => {
    accepted = s;
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;

  const watch = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      entry,
      'watch',
      '--json',
      '--interval',
      String(INTERVAL),
      '--port',
      String(port),
      '--process',
      'node',
      '--record',
      recordFile,
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } },
  );
  let out = '';
  let err = '';
  watch.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    watch.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      if (/watching \d+ connection/.test(err)) resolve();
    });
    watch.on('exit', (code) => reject(new Error(`watch exited early (${code}): ${err}`)));
  });
  const exited = new Promise<number | null>((r) => watch.on('exit', (code) => r(code)));
  try {
    await ready;
    assert.match(err, /watching 1 connection every 100 ms/, 'the baseline holds the listener only');
    const client = createConnection({ port, host: '127.0.0.1' });
    await new Promise<void>((r) => client.on('connect', r));
    client.on('error', () => {});
    const clientAddr = `127.0.0.1:${client.localPort}`;
    const serverAddr = `127.0.0.1:${port}`;
    await sleep(HOLD); // both ESTABLISHED
    client.end(); // client FIN: FIN_WAIT_1 → (ACK) FIN_WAIT_2; server CLOSE_WAIT
    await sleep(HOLD);
    assert.ok(accepted !== undefined);
    accepted.end(); // server FIN: LAST_ACK → (ACK) gone; client TIME_WAIT
    await sleep(HOLD);
    watch.kill('SIGINT');
    const code = await exited;
    assert.equal(code, 0, err);
    assert.match(err, /watched [\d.]+ s, \d+ polls: \d+ changes \(2 new, \d+ state changes, 1 gone\)/);

    const changes = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Change);
    for (const c of changes) {
      assert.match(c.t, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      // Owned by this test's process, also in TIME_WAIT (no owner then: the one seen before is kept).
      assert.equal(c.process, 'node');
      assert.equal(c.pid, process.pid);
    }
    const seen = paths(changes);
    const clientPath = seen.get(`${clientAddr} ${serverAddr}`);
    const serverPath = seen.get(`${serverAddr} ${clientAddr}`);
    assert.ok(clientPath && serverPath, JSON.stringify(changes));
    assert.deepEqual(withoutTransient(clientPath), ['ESTABLISHED', 'FIN_WAIT_2', 'TIME_WAIT']);
    assert.deepEqual(withoutTransient(serverPath), ['ESTABLISHED', 'CLOSE_WAIT']);
    const last = changes.filter((c) => c.local === serverAddr && c.remote === clientAddr).pop();
    assert.equal(last?.to, null, 'the server side is gone after its FIN is acknowledged');
    assert.equal(seen.size, 2, 'nothing but the two ends changed (the listener stayed LISTEN)');

    // The recording is a time series the parsers read: history finds the same paths.
    const hist = spawnSync(process.execPath, ['--import', 'tsx', entry, 'history', '--json', recordFile], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(hist.status, 0, hist.stderr);
    const histories = hist.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { local: string; remote: string; states: string[] });
    const find = (local: string, remote: string): string[] | undefined =>
      histories.find((h) => h.local === local && h.remote === remote)?.states;
    assert.deepEqual(find(serverAddr, '*:*'), ['LISTEN']);
    assert.deepEqual(find(clientAddr, serverAddr), clientPath);
    assert.deepEqual(find(serverAddr, clientAddr), serverPath);
    const snapshots = readFileSync(recordFile, 'utf8').match(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/gm) ?? [];
    assert.ok(snapshots.length >= 10, `${snapshots.length} snapshots recorded`);
    client.destroy();
  } finally {
    if (watch.exitCode === null) watch.kill('SIGKILL');
    server.close();
  }
});

void test('watch prints changes as lines for people, ends after --duration, and refuses bad options', async () => {
  const server = createServer(() => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const args = [
    '--import',
    'tsx',
    entry,
    'watch',
    '--interval',
    '100',
    '--duration',
    '1.5',
    '--port',
    String(port),
  ];
  const watch = spawn(process.execPath, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  let out = '';
  let err = '';
  watch.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((r) => watch.on('exit', (code) => r(code)));
  await new Promise<void>((resolve) =>
    watch.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('watching')) resolve();
    }),
  );
  const client = createConnection({ port, host: '127.0.0.1' });
  await new Promise<void>((r) => client.on('connect', r));
  const local = `127.0.0.1:${client.localPort}`;
  assert.equal(await exited, 0, err);
  client.destroy();
  server.close();
  // A port filter goes to ss, which applies it in the kernel (and the differ again after parsing).
  assert.match(
    err,
    new RegExp(
      `watching 1 connection every 100 ms \\(ss -tanH \\( sport = :${port} or dport = :${port} \\)\\)`,
    ),
  );
  assert.match(
    out,
    new RegExp(
      `^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} ${local.replace(/\./g, '\\.')} → 127\\.0\\.0\\.1:${port} new → ESTABLISHED$`,
      'm',
    ),
  );
  assert.match(
    out,
    /^watched 1\.\d s, \d+ polls: 2 changes \(2 new, 0 state changes, 0 gone\), 3 connections now; CPU /m,
  );

  for (const [bad, message] of [
    [['--interval', '99'], /--interval takes milliseconds from 100 to 10000, not '99'/],
    [['--port', '70000'], /--port takes a port from 1 to 65535/],
    [['some.log'], /watch reads this machine's table, not a FILE/],
  ] as const) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', entry, 'watch', ...bad], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.status, 2);
    assert.match(r.stderr, message);
  }
  const r = spawnSync(process.execPath, ['--import', 'tsx', entry, 'summary', '--interval', '200'], {
    cwd: root,
    encoding: 'utf8',
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /are watch options/);
});

void test('watch | head -1: the reader going away ends the watch quietly at its next change (EPIPE), status 0', async () => {
  const server = createServer(() => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const args = ['--import', 'tsx', entry, 'watch', '--json', '--interval', '100', '--port', String(port)];
  const watch = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const exited = new Promise<number | null>((r) => watch.on('exit', (code) => r(code)));
  await new Promise<void>((resolve) =>
    watch.stderr.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('watching')) resolve();
    }),
  );
  const firstLine = new Promise<string>((resolve) =>
    watch.stdout.once('data', (c: Buffer) => resolve(c.toString())),
  );
  const sockets = [createConnection({ port, host: '127.0.0.1' })];
  assert.match(await firstLine, /"from":null,"to":"ESTABLISHED"/);
  watch.stdout.destroy(); // like head(1) exiting after its line
  // Keep changing the table until the watch writes again and finds nobody reading.
  const timer = setInterval(() => sockets.push(createConnection({ port, host: '127.0.0.1' })), 300);
  try {
    assert.equal(await exited, 0, err);
    assert.doesNotMatch(err, /write error|internal error/);
  } finally {
    clearInterval(timer);
    for (const s of sockets) s.destroy();
    server.close();
  }
});
