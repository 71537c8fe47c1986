// Webview (pure: no DOM): which states of the diagram a selection's main path lights up.
import type { DiagramSelection } from '../../core/protocol/messages';
import { TCP_STATES, type TcpState } from '../../core/tcp/types';

/** States in a selection's main path, CLOSED → … → current, in diagram order. */
export function pathStates(sel: DiagramSelection): ReadonlySet<TcpState> {
  const set = new Set<TcpState>([sel.state]);
  for (const s of sel.steps) set.add(s.from).add(s.to);
  return new Set(TCP_STATES.filter((s) => set.has(s)));
}
