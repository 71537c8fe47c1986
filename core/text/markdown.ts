// Pure (extension host, unit tests): safe pieces of Markdown for hovers built from untrusted log text.

/** Escapes every ASCII punctuation character CommonMark could read as syntax, and folds line breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\\`*_{}[\]()<>#+\-.!|~&$:"'=%]/g, (c) => `\\${c}`);
}

/**
 * Lighter escaping for the product's own prose: what could open markup is escaped, an underscore inside a word
 * (TIME_WAIT, tcp_tw_reuse) is left alone because CommonMark never reads it as emphasis.
 */
export function escapeProse(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
    .replace(/^([#+\-=])/, '\\$1');
}

/**
 * An inline code span whose fence is longer than any backtick run inside, so log text cannot close it early.
 * Text inside a code span is never interpreted: no links, no HTML, no command URIs.
 */
export function codeSpan(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  let longest = 0;
  for (const run of flat.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A `command:` link to one of the extension's own commands; the arguments are JSON, URI-encoded. */
export function commandLink(label: string, command: string, args: readonly unknown[]): string {
  // encodeURIComponent leaves ( ) ! ' * alone, and a ")" would end the Markdown link early.
  const query = encodeURIComponent(JSON.stringify(args)).replace(
    /[()!'*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `[${escapeMarkdown(label)}](command:${command}?${query})`;
}

/**
 * Log text for a QuickPick label, description or detail, where `$(name)` renders as a codicon: each `$(` gets
 * the backslash VS Code's own escapeIcons adds (vs/base/common/iconLabels.ts), so it shows as typed.
 */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
