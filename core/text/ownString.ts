// Pure (runs anywhere): strings that are kept for long must not pin the text they were cut from.

/**
 * `s`, as a string of its own. V8 makes a slice of 13 characters or more (and a concatenation of such
 * slices) point into the string it came from, so keeping a 28-character `date` line of a 64 KiB chunk
 * keeps the whole chunk: a streaming reader that keeps one such text per snapshot or per connection holds
 * the whole input. Concatenating and slicing again makes V8 flatten the text into a fresh copy first.
 */
export function ownString(s: string): string {
  return (' ' + s).slice(1);
}
