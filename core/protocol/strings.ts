// Pure (host and webview): the webview's chrome strings, typed once. The host fills every key with vscode.l10n.t and
// sends them in `init.strings`; the webview falls back to these English texts for any key the host left out.
// (The model is vscode-hexeditor's shared ILocalizedStrings: one key list both sides compile against.)

export const ENGLISH_STRINGS = {
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
  /** `{0}`: the document's name. */
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
  cardRfcRow: 'Edge no. (ours; RFC 9293 numbers none)',
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
  prevPacket: 'Previous packet',
  nextPacket: 'Next packet',
  /** `{0}`: the keys that do the same. */
  keysHint: 'keys: {0}',
  traceControls: 'Packet trace',
  /** `{0}` of `{1}` packets of the connection. */
  tracePacket: 'Packet {0} of {1}',
  /** One letter on the client end's current state. */
  traceBadgeClient: 'C',
  traceBadgeServer: 'S',
  /** `{0}`: endpoint, `{1}`: its path up to this packet. */
  traceClient: 'Client {0}: {1}',
  traceServer: 'Server {0}: {1}',
  /** `{0}`: the document's name. */
  timelineTitle: 'Counts over time · {0}',
  timelineLabel: 'Connections per state, snapshot by snapshot',
  timelineHint: 'Click a point (or press Enter) to go to that snapshot',
} as const;

/** A key of the webview's chrome strings. */
export type WebviewStringKey = keyof typeof ENGLISH_STRINGS;

/** Every chrome string, as the host sends it: a missing key is a compile error on the host. */
export type WebviewStrings = { readonly [K in WebviewStringKey]: string };

export function isWebviewStringKey(k: string): k is WebviewStringKey {
  return Object.prototype.hasOwnProperty.call(ENGLISH_STRINGS, k);
}
