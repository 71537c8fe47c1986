// Pure (runs anywhere): the shape of a state's reference card, shared by the card tables and their index
// (stateReference.ts), so that neither imports the other.
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
