// Webview (browser): runs mermaid — once per theme × mode — and reports how long layout took.
import mermaid, { type MermaidConfig } from 'mermaid';
import { diagramSource, type DiagramMode } from './diagramSource';
import { layoutCacheKey, type LayoutKey, type ThemeKind } from './state/pageState';

export function currentTheme(body: HTMLElement = document.body): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'hc-light';
  if (c.contains('vscode-high-contrast')) return 'hc-dark';
  if (c.contains('vscode-dark')) return 'dark';
  return 'light';
}

/** The theme name the protocol reports. */
export function protocolTheme(kind: ThemeKind): 'light' | 'dark' | 'high-contrast' {
  return kind === 'hc-dark' || kind === 'hc-light' ? 'high-contrast' : kind;
}

// High contrast has no mermaid theme: 'base' with the contrast colours VS Code's HC themes use.
const HC_DARK = {
  darkMode: true,
  background: '#000000',
  mainBkg: '#000000',
  primaryColor: '#000000',
  primaryTextColor: '#ffffff',
  primaryBorderColor: '#6fc3df',
  nodeBorder: '#6fc3df',
  lineColor: '#ffffff',
  textColor: '#ffffff',
  edgeLabelBackground: '#000000',
};
const HC_LIGHT = {
  darkMode: false,
  background: '#ffffff',
  mainBkg: '#ffffff',
  primaryColor: '#ffffff',
  primaryTextColor: '#000000',
  primaryBorderColor: '#0f4a85',
  nodeBorder: '#0f4a85',
  lineColor: '#000000',
  textColor: '#000000',
  edgeLabelBackground: '#ffffff',
};

// State names are measured bold, so the bold of a state seen in the log (styles.css) still fits its box.
const STATE_CSS = '.nodeLabel p { font-weight: 700; }';
// Edge labels smaller than state names: mermaid measures labels with this CSS, so the layout gets narrower too.
const LABELLED_CSS =
  '.edgeLabel p { font-size: 12px; line-height: 1.25; margin: 0; } .labelBkg { padding: 0 2px; }';
// Compact: larger state names on tighter spacing. Fitted to a sidebar's width, the picture shrinks by the layout's width,
// and the gaps (fixed) weigh less against bigger boxes: 20-px names on a ~450-px layout read at ~12 px in a 280-px view.
const COMPACT_CSS = '.nodeLabel p { font-size: 20px; line-height: 1.2; margin: 0; }';

function mermaidConfig(theme: ThemeKind, mode: DiagramMode): MermaidConfig {
  const base: MermaidConfig = {
    startOnLoad: false,
    securityLevel: 'strict',
    flowchart: mode.compact
      ? { nodeSpacing: 8, rankSpacing: 30, padding: 4, curve: 'basis', htmlLabels: true }
      : { nodeSpacing: 16, rankSpacing: 38, padding: 6, curve: 'basis', htmlLabels: true },
    themeCSS: STATE_CSS + (mode.compact ? COMPACT_CSS : LABELLED_CSS),
  };
  switch (theme) {
    case 'light':
      return { ...base, theme: 'neutral' };
    case 'dark':
      return { ...base, theme: 'dark' };
    case 'hc-dark':
      return { ...base, theme: 'base', themeVariables: HC_DARK };
    case 'hc-light':
      return { ...base, theme: 'base', themeVariables: HC_LIGHT };
    default: {
      const unreachable: never = theme;
      return unreachable;
    }
  }
}

/** One finished layout. */
export interface RenderResult {
  readonly key: string;
  readonly svg: string;
  readonly ms: number;
}

let sequence = 0;
let queue: Promise<unknown> = Promise.resolve();

/** Renders one layout. Calls are serialized: mermaid keeps global state while it lays out. */
export function renderDiagram(layout: LayoutKey): Promise<RenderResult> {
  const run = async (): Promise<RenderResult> => {
    const started = performance.now();
    mermaid.initialize(mermaidConfig(layout.theme, layout));
    // A fresh id each time: mermaid removes any element that already carries the id it renders under.
    const { svg } = await mermaid.render(`tcp-diagram-${++sequence}`, diagramSource(layout).text);
    return { key: layoutCacheKey(layout), svg, ms: performance.now() - started };
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}
