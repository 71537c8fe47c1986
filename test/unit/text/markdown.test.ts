// Node (unit tier): log text cannot escape into Markdown syntax, links or command URIs; timers read as words.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { codeSpan, commandLink, escapeIcons, escapeMarkdown } from '../../../core/text/markdown';
import { formatDuration, timerText } from '../../../core/text/timerText';

void test('escapeMarkdown backslash-escapes every character Markdown could read as syntax', () => {
  const hostile =
    'we"ird (x,y) [click](command:workbench.action.terminal.new) <img src=x> *b* _i_ `c` # h | t';
  const out = escapeMarkdown(hostile);
  assert.ok(!/(?<!\\)[[\]()<>*_`#|]/.test(out), out);
  assert.equal(out.replace(/\\(.)/g, '$1'), hostile);
  assert.equal(escapeMarkdown('a\nb\r\nc'), 'a b c');
});

void test('codeSpan fences longer than any backtick run inside', () => {
  assert.equal(codeSpan('10.0.0.1:22'), '`10.0.0.1:22`');
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('``x'), '``` ``x ```');
});

void test('commandLink encodes its JSON arguments so the URI cannot be broken out of', () => {
  const link = commandLink('Show (it)', 'tcpStates.showOnDiagram', ['file:///tmp/a) b.ss', 12]);
  assert.match(link, /^\[Show \\\(it\\\)\]\(command:tcpStates\.showOnDiagram\?[^()\s]+\)$/);
  const args = decodeURIComponent(link.slice(link.indexOf('?') + 1, -1));
  assert.deepEqual(JSON.parse(args), ['file:///tmp/a) b.ss', 12]);
});

void test('timers in words, in both languages', () => {
  assert.equal(
    timerText('TIME_WAIT', { kind: 'timewait', seconds: 41 }, 'en'),
    'TIME_WAIT, 41 s left of 60 s',
  );
  assert.equal(
    timerText('TIME_WAIT', { kind: 'timewait', seconds: 41 }, 'zh'),
    'TIME_WAIT：60 秒 中还剩 41 秒',
  );
  assert.match(
    timerText('FIN_WAIT_2', { kind: 'timewait', seconds: 57 }, 'en') ?? '',
    /orphaned: 57 s left of tcp_fin_timeout/,
  );
  assert.equal(
    timerText('ESTABLISHED', { kind: 'keepalive', seconds: 89 * 60 }, 'en'),
    'next keepalive probe in 89 min',
  );
  assert.equal(
    timerText('SYN_SENT', { kind: 'on', seconds: 0.848 }, 'en'),
    'retransmission timer: resend in 0.848 s',
  );
  assert.equal(timerText('LISTEN', { kind: 'off', seconds: 0 }, 'en'), undefined);
  assert.equal(timerText('LISTEN', undefined, 'en'), undefined);
  assert.equal(formatDuration(9000, 'en'), '2.5 h');
});

void test('escapeIcons keeps $(codicon) syntax from log text visible as typed in QuickPick items', () => {
  assert.equal(escapeIcons('users:(("$(zap)",pid=1,fd=3))'), 'users:(("\\$(zap)",pid=1,fd=3))');
  assert.equal(escapeIcons('$(a) $(b)'), '\\$(a) \\$(b)');
  assert.equal(escapeIcons('no icons $ ( here'), 'no icons $ ( here');
});
