// Pure (runs anywhere: host, webview, CLI): the reference card of every TCP state, in English and Chinese.
import { CLOSING_REFERENCES } from './closingReferences';
import { OPENING_REFERENCES } from './openingReferences';
import { TIME_WAIT_REFERENCE } from './timeWaitReference';
import type { StateReference } from './referenceTypes';
import type { TcpState } from './types';

export type { Knob, StateReference } from './referenceTypes';

export const STATE_REFERENCE: Readonly<Record<TcpState, StateReference>> = {
  ...OPENING_REFERENCES,
  ...CLOSING_REFERENCES,
  TIME_WAIT: TIME_WAIT_REFERENCE,
};

export function stateReference(state: TcpState): StateReference {
  return STATE_REFERENCE[state];
}
