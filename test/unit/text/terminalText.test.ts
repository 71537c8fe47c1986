// Node (unit tier): terminalSafe — every control character but tab and LF shown visibly, nothing else changed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { terminalSafe } from '../../../core/text/terminalText';

test('escape sequences are shown, not sent', () => {
  assert.equal(terminalSafe('\x1b]0;title\x07'), '\\x1b]0;title\\x07');
  assert.equal(terminalSafe('a\x1b[2Jb'), 'a\\x1b[2Jb');
  assert.equal(terminalSafe('x\ry'), 'x\\ry');
  assert.equal(terminalSafe('\u009b31m'), '\\x9b31m');
  assert.equal(terminalSafe('\x00\x7f'), '\\x00\\x7f');
});

test('tab, LF, plain text and non-control Unicode stay as they are', () => {
  const text = 'ESTAB\t0 0 10.0.0.1:22 → 套接字 users:(("nginx",pid=1,fd=3))\nnext';
  assert.equal(terminalSafe(text), text);
  assert.equal(terminalSafe(''), '');
  assert.equal(terminalSafe('\u00a0é\u2028'), '\u00a0é\u2028');
});

test('every code point 0–0x9F but tab and LF is escaped; the result holds no control character', () => {
  for (let c = 0; c <= 0x9f; c++) {
    const ch = String.fromCharCode(c);
    const out = terminalSafe(ch);
    const control = (c < 0x20 && c !== 9 && c !== 10) || (c >= 0x7f && c <= 0x9f);
    if (control) {
      assert.notEqual(out, ch, `U+${c.toString(16)}`);
      // eslint-disable-next-line no-control-regex
      assert.doesNotMatch(out, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    } else assert.equal(out, ch);
  }
});
