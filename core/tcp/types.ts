// Pure (runs anywhere: host, webview, CLI): the vocabulary of the TCP state machine.

/** The eleven RFC 9293 states, spelled the way the product speaks them. */
export type TcpState =
  | 'LISTEN'
  | 'SYN_SENT'
  | 'SYN_RECEIVED'
  | 'ESTABLISHED'
  | 'FIN_WAIT_1'
  | 'FIN_WAIT_2'
  | 'CLOSE_WAIT'
  | 'CLOSING'
  | 'LAST_ACK'
  | 'TIME_WAIT'
  | 'CLOSED';

/** All states in the order of RFC 9293 Figure 5, top to bottom. */
export const TCP_STATES: readonly TcpState[] = [
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
];

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
