// Webview (browser): the chrome strings in use — the host's localized ones from `init.strings`, English for the rest.
import { ENGLISH_STRINGS, type WebviewStringKey, type WebviewStrings } from '../core/protocol/strings';

export type StringKey = WebviewStringKey;

let table: Partial<WebviewStrings> = {};

/** Installs the host's strings (already checked by the protocol validator). */
export function setStrings(strings: Partial<WebviewStrings>): void {
  table = strings;
}

/** The localized string for `key`, with `{0}`, `{1}`… replaced by `args`. */
export function t(key: StringKey, ...args: string[]): string {
  const s = table[key] ?? ENGLISH_STRINGS[key];
  return s.replace(/\{(\d)\}/g, (m, i: string) => args[Number(i)] ?? m);
}
