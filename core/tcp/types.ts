// Pure (runs anywhere: host, webview, CLI): the vocabulary of the TCP state machine.

/** The eleven RFC 9293 states, spelled the way the product speaks them, in the order of RFC 9293 Figure 5,
 * top to bottom. The one list the type and every table are built from. */
export const TCP_STATES = [
  'CLOSED',
  'LISTEN',
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
] as const;

/** One of the eleven states. */
export type TcpState = (typeof TCP_STATES)[number];

/** Text the product shows, in both languages it ships. Domain content is data, not l10n calls. */
export interface Localized {
  readonly en: string;
  readonly zh: string;
}

/** Display languages of the product's domain content. */
export type Lang = keyof Localized;

export function isTcpState(value: unknown): value is TcpState {
  return typeof value === 'string' && (TCP_STATES as readonly string[]).includes(value);
}
