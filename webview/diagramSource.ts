// Webview (browser): the mermaid flowchart source of the TCP state machine, built only from the product's constant tables.
import { TRANSITIONS, type Transition } from '../core/tcp/transitions';
import { TCP_STATES, type TcpState } from '../core/tcp/types';

/** How the diagram is drawn; each combination is one layout (and one cache entry). */
export interface DiagramMode {
  /** No edge labels: a smaller picture for a narrow sidebar. */
  readonly compact: boolean;
  /** Also draw RST aborts and Linux give-ups (dashed), not only the 21 RFC rows. */
  readonly resets: boolean;
}

/** What the diagram draws, and the mermaid ids it uses for it. */
export interface DiagramSource {
  readonly text: string;
  /** Mermaid edge id → transition id, for finding edges in the rendered SVG. */
  readonly edgeIds: ReadonlyMap<string, string>;
  readonly transitions: readonly Transition[];
}

/** Box text of each state: the RFC name, wrapped where it helps a narrow column. */
const STATE_LABEL: Readonly<Record<TcpState, string>> = {
  CLOSED: 'CLOSED',
  LISTEN: 'LISTEN',
  SYN_SENT: 'SYN_SENT',
  SYN_RECEIVED: 'SYN_RECEIVED',
  ESTABLISHED: 'ESTABLISHED',
  FIN_WAIT_1: 'FIN_WAIT_1',
  FIN_WAIT_2: 'FIN_WAIT_2',
  CLOSE_WAIT: 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  TIME_WAIT: 'TIME_WAIT',
};

/** Mermaid ids accept letters, digits and underscores; transition ids also use '-'. */
export function mermaidEdgeId(transitionId: string): string {
  return `e_${transitionId.replace(/[^A-Za-z0-9_]/g, '_')}`;
}

/** Mermaid node id of a state (the state name itself is a valid id). */
export function mermaidNodeId(state: TcpState): string {
  return `s_${state}`;
}

/** "rcv SYN / snd SYN,ACK" → two lines, event over action; only characters mermaid's strict mode keeps. */
function edgeLabel(t: Transition): string {
  if (t.rfcNumber === undefined) return t.kind === 'reset' ? 'RST' : 'timeout';
  const clean = t.label.replace(/["<>&#;|`]/g, ' ');
  const [event, action] = clean.split(' / ');
  const head = `${t.rfcNumber}. `;
  if (action === undefined || action.trim() === 'x') return `${head}${(event ?? clean).trim()}`;
  return `${head}${(event ?? '').trim()}<br/>${action.trim()}`;
}

/** Mermaid id of the second CLOSED box, at the bottom, as in RFC 9293 Figure 5. */
export const BOTTOM_CLOSED = 'end_CLOSED';

/** States whose way back to CLOSED is drawn downwards, to the bottom CLOSED box. */
const CLOSING_STATES: ReadonlySet<TcpState> = new Set([
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
]);

/** True when `t` is drawn to the bottom CLOSED box (the end of a connection's life), not back up to the top one. */
export function endsAtBottom(t: Transition): boolean {
  return t.to === 'CLOSED' && CLOSING_STATES.has(t.from);
}

/** The transitions a mode draws: the 21 RFC rows, plus resets and timeouts when asked. */
export function drawnTransitions(mode: DiagramMode): readonly Transition[] {
  return TRANSITIONS.filter((t) => t.rfcNumber !== undefined || mode.resets);
}

/** Builds the flowchart. Labels come from the constant transition table, never from a log. */
export function diagramSource(mode: DiagramMode): DiagramSource {
  const lines: string[] = ['flowchart TB'];
  for (const s of TCP_STATES) lines.push(`  ${mermaidNodeId(s)}["${STATE_LABEL[s]}"]`);
  lines.push(`  ${BOTTOM_CLOSED}["CLOSED"]`);
  const edgeIds = new Map<string, string>();
  const transitions = drawnTransitions(mode);
  for (const t of transitions) {
    const id = mermaidEdgeId(t.id);
    edgeIds.set(id, t.id);
    // Dotted arrows for aborts and give-ups, so they read as "not the normal life".
    const arrow = t.rfcNumber === undefined ? '-.->' : '-->';
    const label = mode.compact ? '' : `|"${edgeLabel(t)}"|`;
    lines.push(
      `  ${mermaidNodeId(t.from)} ${id}@${arrow}${label} ${endsAtBottom(t) ? BOTTOM_CLOSED : mermaidNodeId(t.to)}`,
    );
  }
  return { text: lines.join('\n'), edgeIds, transitions };
}
