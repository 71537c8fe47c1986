// Node (unit tier): macOS 26's `process:pid` column, on the real rows of sindresorhus/pid-port#14
// (test/fixtures/public/macos-netstat-anv-process-pid.txt) and on variants of them: without their header, a
// one-word name, a name netstat cut to the column (seen in public samples as `language_server_:72514` and
// `Antigravity IDE :2086`), and the older `pid epid` layout, which must not read a `name:pid` word.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseLog } from '../../../core/parse/logParser';
import { readFixture } from '../support/helpers';

const text = readFixture('public/macos-netstat-anv-process-pid.txt');
const [banner, header, row1, row2] = text.trimEnd().split('\n');
const owners = (t: string): unknown[] => parseLog(t).records.map((r) => [r.pid, r.processes]);
const fusion = [22712, [{ name: 'Autodesk Fusion', pid: 22712 }]];

test('the real rows: name with a space, then the pid', () => {
  assert.deepEqual(owners(text), [fusion, fusion]);
});

test('without the header, the row itself says where the name starts', () => {
  assert.deepEqual(owners(`${row1}\n${row2}\n`), [fusion, fusion]);
});

test('a one-word name, and a name cut to the column with a blank before the colon', () => {
  const oneWord = row1.replace('Autodesk Fusion:22712', '        launchd:1');
  const cut = row1.replace('Autodesk Fusion:22712', 'Autodesk Fusio :22712');
  for (const rows of [`${banner}\n${header}\n`, '']) {
    assert.deepEqual(owners(`${rows}${oneWord}\n${cut}\n`), [
      [1, [{ name: 'launchd', pid: 1 }]],
      [22712, [{ name: 'Autodesk Fusio', pid: 22712 }]],
    ]);
  }
});

test('a name with an escape sequence is kept exactly (the CLI escapes it for terminals)', () => {
  const evil = row1.replace('Autodesk Fusion:22712', '\x1b]0;x\x07 Fusion:22712');
  assert.deepEqual(owners(`${header}\n${evil}\n`), [[22712, [{ name: '\x1b]0;x\x07 Fusion', pid: 22712 }]]]);
});

test('a row cut off inside the process column gives no owner rather than a wrong one', () => {
  const cut = row1.slice(0, row1.indexOf('Fusion:') + 3);
  const records = parseLog(`${header}\n${cut}\n`).records;
  assert.equal(records.length, 1);
  assert.deepEqual([records[0].pid, records[0].processes], [undefined, []]);
});
