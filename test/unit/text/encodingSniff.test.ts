// Node (unit tier): recognising UTF-16 text that was decoded as UTF-8, on the real re-encoded captures.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { looksLikeMisdecodedUtf16 } from '../../../core/text/encodingSniff';

const fixtures = join(__dirname, '..', '..', 'fixtures');

test('UTF-16 read as UTF-8 is recognised, LE and BE; the UTF-8 originals are not', () => {
  for (const name of ['ss-tanpo.utf16le-nobom.txt', 'ss-tanpo.utf16be-nobom.txt'])
    assert.ok(looksLikeMisdecodedUtf16(readFileSync(join(fixtures, 'encodings', name), 'utf8')), name);
  assert.ok(!looksLikeMisdecodedUtf16(readFileSync(join(fixtures, 'linux', 'ss-tanpo.txt'), 'utf8')));
  const win = readFileSync(join(fixtures, 'public', 'windows-de-netstat-ano.txt'), 'utf8');
  assert.ok(!looksLikeMisdecodedUtf16(win));
  // Decoded correctly (VS Code honours the BOM), the text is the original's.
  const le = readFileSync(join(fixtures, 'encodings', 'windows-de-netstat-ano.utf16le-bom.txt'));
  assert.equal(new TextDecoder('utf-16le').decode(le), win);
});

test('short texts and a few stray NULs are not taken for UTF-16', () => {
  assert.ok(!looksLikeMisdecodedUtf16(''));
  assert.ok(!looksLikeMisdecodedUtf16('\u0000a\u0000b'));
  assert.ok(
    !looksLikeMisdecodedUtf16('LISTEN 0 128 0.0.0.0:22 0.0.0.0:* \u0000\u0000 users:(("sshd",pid=1,fd=3))'),
  );
});
