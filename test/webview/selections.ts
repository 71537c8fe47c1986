// Node (webview tier): realistic selections for the tests, built with the product's own path inference.
import type { DiagramSelection } from '../../core/protocol/messages';
import { describePath, inferPath } from '../../core/tcp/pathInference';
import type { Lang, TcpState } from '../../core/tcp/types';

/** A connection in `state` whose history in the log was `observed`, as the host would send it. */
export function selectionFor(
  state: TcpState,
  observed: readonly TcpState[] = [],
  endpoints: { local: string; remote: string } = { local: '127.0.0.1:53424', remote: '127.0.0.1:6900' },
  lang: Lang = 'en',
): DiagramSelection {
  const path = inferPath(state, observed.length ? { observed } : {});
  return {
    state,
    rawState: state.replace('_', '-'),
    local: endpoints.local,
    remote: endpoints.remote,
    line: 7,
    steps: path.steps,
    alternatives: path.alternatives,
    observedStates: path.observedStates,
    caption: `${endpoints.local} → ${endpoints.remote} · ${describePath(path, lang)}`,
  };
}
