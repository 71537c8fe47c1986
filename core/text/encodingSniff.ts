// Pure (runs anywhere): text that was UTF-16 but got decoded as UTF-8 (no byte-order mark, so the editor could not
// tell): every other character is U+0000. The CLI decodes such bytes itself (cli/lineReader.ts); the editor only
// receives the text, so it can only say what happened.

/** True when at least 30 % of the first 2,000 characters (and at least 8 of them) are NUL. */
export function looksLikeMisdecodedUtf16(text: string): boolean {
  const n = Math.min(text.length, 2000);
  if (n < 16) return false;
  let nul = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0) nul++;
  return nul >= 8 && nul >= n * 0.3;
}
