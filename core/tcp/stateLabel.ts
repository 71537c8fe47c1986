// Pure (runs anywhere: host, webview, CLI): how a state name is written.
import type { TcpState } from './types';

/** 'canonical' is the product's own spelling (FIN_WAIT_1); 'rfc' is RFC 9293's (FIN-WAIT-1). */
export type StateLabelStyle = 'canonical' | 'rfc';

export function stateLabel(state: TcpState, style: StateLabelStyle = 'canonical'): string {
  return style === 'rfc' ? state.replace(/_/g, '-') : state;
}
