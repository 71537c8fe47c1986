// Webview (browser): the chrome strings the host localizes (vscode.l10n) and sends in `init.strings`, with English fallbacks.
//
// Keys (the host may send any subset; a missing key falls back to English):
//   zoomIn, zoomOut, fit, compact, resets, close, findInLog, noSelection, renderError,
//   diagramLabel, legendClient, legendServer, legendObserved, legendInferred, legendAlternative,
//   countsFrom ("{0}" = document name), pathSteps, cardState, cardTransition, cardMeaning, cardSide, cardNext,
//   cardDuration, cardMany, cardKnobs, cardDefault, cardCaution, cardNotes, cardEvent, cardAction,
//   cardKind, cardRfcRow, cardFigure5, cardOutgoing, sideClient, sideServer, sideBoth,
//   kindOpen, kindData, kindClose, kindReset, kindTimeout, yes, no

export const ENGLISH = {
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  fit: 'Fit',
  compact: 'Compact',
  resets: 'Resets',
  close: 'Close',
  findInLog: 'Find in log',
  noSelection: 'Put the cursor on a connection line to see its path.',
  renderError: 'The diagram could not be drawn.',
  diagramLabel: 'TCP state diagram',
  legendClient: 'client',
  legendServer: 'server',
  legendObserved: 'observed',
  legendInferred: 'inferred',
  legendAlternative: 'alternative',
  countsFrom: 'Counts from {0}',
  pathSteps: 'Transitions on this path',
  cardState: 'State',
  cardTransition: 'Transition',
  cardMeaning: 'Meaning',
  cardSide: 'Who is in it',
  cardNext: 'What comes next',
  cardDuration: 'How long',
  cardMany: 'When there are many',
  cardKnobs: 'Knobs',
  cardDefault: 'default',
  cardCaution: 'Caution',
  cardNotes: 'Notes',
  cardEvent: 'Event',
  cardAction: 'Action',
  cardKind: 'Kind',
  cardRfcRow: 'RFC 9293 row',
  cardFigure5: 'In RFC 9293 Figure 5',
  cardOutgoing: 'Transitions from here',
  sideClient: 'client',
  sideServer: 'server',
  sideBoth: 'either side',
  kindOpen: 'opening',
  kindData: 'data',
  kindClose: 'closing',
  kindReset: 'reset',
  kindTimeout: 'timeout',
  yes: 'yes',
  no: 'no',
} as const;

export type StringKey = keyof typeof ENGLISH;

let table: Readonly<Record<string, string>> = {};

/** Installs the host's strings; non-string values are ignored. */
export function setStrings(strings: unknown): void {
  const next: Record<string, string> = {};
  if (typeof strings === 'object' && strings !== null) {
    for (const [k, v] of Object.entries(strings)) {
      if (k in ENGLISH && typeof v === 'string' && v.length > 0 && v.length < 500) next[k] = v;
    }
  }
  table = next;
}

/** The localized string for `key`, with `{0}`, `{1}`… replaced by `args`. */
export function t(key: StringKey, ...args: string[]): string {
  const s = table[key] ?? ENGLISH[key];
  return s.replace(/\{(\d)\}/g, (m, i: string) => args[Number(i)] ?? m);
}
