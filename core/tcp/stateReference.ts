// Pure (runs anywhere: host, webview, CLI): the reference card of every TCP state, in English and Chinese.
import { CLOSING_REFERENCES } from './closingReferences';
import { OPENING_REFERENCES } from './openingReferences';
import { TIME_WAIT_REFERENCE } from './timeWaitReference';
import type { Localized, TcpState } from './types';

/** A tunable (sysctl, socket option, registry value) that bears on a state. */
export interface Knob {
  /** e.g. net.ipv4.tcp_fin_timeout, SO_REUSEADDR, TcpTimedWaitDelay. */
  readonly name: string;
  /** Default value as the system ships it, when there is one. */
  readonly default?: string;
  readonly effect: Localized;
  /** What goes wrong when it is misused, or a myth it is often wrongly blamed for. */
  readonly caution?: Localized;
}

/** Everything the product says about one state. */
export interface StateReference {
  readonly state: TcpState;
  /** One line, at most 60 characters, for inline ghost text. */
  readonly short: Localized;
  readonly meaning: Localized;
  /** Which side is in it and how it got there. */
  readonly side: Localized;
  readonly role: 'client' | 'server' | 'either';
  readonly family:
    'opening' | 'established' | 'closing-local' | 'closing-peer' | 'waiting-app' | 'listening' | 'closed';
  /** What comes next and what triggers it. */
  readonly next: Localized;
  /** How long it normally lasts on Linux. */
  readonly duration: Localized;
  /** What many of them usually mean. */
  readonly many: Localized;
  readonly knobs: readonly Knob[];
  /** Deeper explanations: why the state exists, history, myths. */
  readonly notes?: Localized;
}

export const STATE_REFERENCE: Readonly<Record<TcpState, StateReference>> = {
  ...OPENING_REFERENCES,
  ...CLOSING_REFERENCES,
  TIME_WAIT: TIME_WAIT_REFERENCE,
};

export function stateReference(state: TcpState): StateReference {
  return STATE_REFERENCE[state];
}
