// Extension host: the "Large Capture" view — a large file's summary as a tree whose states, snapshots and findings open
// the file at their lines (`vscode.open` with a selection, which works on files too large for an editor document).
import * as vscode from 'vscode';
import { groupDigits } from '../../core/analysis/findingText';
import { formatCountsLine, type CountEntry, type Summary } from '../../core/analysis/summary';
import { TCP_STATES } from '../../core/tcp/types';
import { Disposable } from '../plumbing/dispose';
import { uiLang } from '../settings';
import type { LargeCaptureResult } from './largeCaptureSummarizer';

export interface LargeCaptureNode {
  readonly label: string;
  readonly description?: string;
  readonly tooltip?: string;
  /** 1-based line the node opens; none: not a link. */
  readonly line?: number;
  readonly children?: () => LargeCaptureNode[];
  readonly expanded?: boolean;
  readonly icon?: string;
}

/** The `vscode.open` command that shows `uri` with line `line` (1-based) selected. */
export function openAtLine(uri: vscode.Uri, line: number): vscode.Command {
  const at = new vscode.Range(line - 1, 0, line - 1, 0);
  return {
    command: 'vscode.open',
    title: vscode.l10n.t('Open at line {0}', line),
    arguments: [uri, { selection: at, preview: false } satisfies vscode.TextDocumentShowOptions],
  };
}

function entries(list: readonly CountEntry[], prefix: string): LargeCaptureNode[] {
  return list.map((e) => ({
    label: `${prefix}${e.key}`,
    description: `${groupDigits(e.count)} · ${formatCountsLine(e.states)}`,
  }));
}

/** Snapshots listed under one node at most; more are grouped in runs of this many (a day of `ss` every second). */
export const SNAPSHOTS_PER_NODE = 1000;

function snapshotNode(snap: Summary['snapshots'][number]): LargeCaptureNode {
  return {
    label: `#${snap.index + 1}${snap.time === undefined ? '' : ` ${snap.time}`}`,
    description: `${groupDigits(snap.total)} · ${formatCountsLine(snap.states)}`,
    line: snap.startLine,
  };
}

/** One node per snapshot, or, past SNAPSHOTS_PER_NODE, one per run of them (`#1–#1000`, from its first time). */
function snapshotNodes(snaps: Summary['snapshots']): LargeCaptureNode[] {
  if (snaps.length <= SNAPSHOTS_PER_NODE) return snaps.map(snapshotNode);
  const runs: LargeCaptureNode[] = [];
  for (let i = 0; i < snaps.length; i += SNAPSHOTS_PER_NODE) {
    const run = snaps.slice(i, i + SNAPSHOTS_PER_NODE);
    const first = run[0];
    const last = run[run.length - 1];
    runs.push({
      label: `#${groupDigits(first.index + 1)}–#${groupDigits(last.index + 1)}`,
      description: first.time === undefined ? undefined : `${first.time} – ${last.time ?? ''}`,
      line: first.startLine,
      children: () => run.map(snapshotNode),
    });
  }
  return runs;
}

/** The tree of a result (exported for tests). */
export function resultNodes(r: LargeCaptureResult): LargeCaptureNode[] {
  const lang = uiLang();
  const s = r.summary;
  const states: LargeCaptureNode[] = TCP_STATES.flatMap((state, i) => {
    const n = s.states[state];
    return n === undefined
      ? []
      : [{ label: state, description: groupDigits(n), line: r.firstLines[i] || undefined }];
  });
  const findings: LargeCaptureNode[] = r.findings.map((f) => ({
    label: f.title[lang],
    description: f.severity,
    tooltip: f.message[lang],
    line: f.lines[0],
    icon: f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info',
    children:
      f.lines.length > 1
        ? () => f.lines.map((line) => ({ label: vscode.l10n.t('Line {0}', line), line }))
        : undefined,
  }));
  const nodes: LargeCaptureNode[] = [
    {
      label: vscode.l10n.t('{0} connections, {1} lines', groupDigits(s.total), groupDigits(r.lines)),
      description: formatCountsLine(s.states),
      icon: 'pulse',
    },
    { label: vscode.l10n.t('States'), children: () => states, expanded: true },
    {
      label: vscode.l10n.t('Diagnosis'),
      description: findings.length === 0 ? vscode.l10n.t('Nothing looks wrong.') : String(findings.length),
      children: () => findings,
      expanded: true,
    },
  ];
  if (s.snapshots.length > 0)
    nodes.push({
      label: vscode.l10n.t('Snapshots'),
      description: groupDigits(s.snapshots.length),
      children: () => snapshotNodes(s.snapshots),
    });
  nodes.push({
    label: vscode.l10n.t('Busiest local ports'),
    description: groupDigits(s.distinctLocalPorts),
    children: () => entries(s.localPorts, ':'),
  });
  if (s.processes.length > 0)
    nodes.push({
      label: vscode.l10n.t('Processes'),
      description: groupDigits(s.distinctProcesses),
      children: () => entries(s.processes, ''),
    });
  return nodes;
}

export class LargeCaptureTreeProvider
  extends Disposable
  implements vscode.TreeDataProvider<LargeCaptureNode>
{
  static readonly viewId = 'tcpStates.largeCapture';
  private readonly changed = this.register(new vscode.EventEmitter<LargeCaptureNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private result: LargeCaptureResult | undefined;
  private roots: LargeCaptureNode[] = [];

  show(result: LargeCaptureResult): void {
    this.result = result;
    this.roots = resultNodes(result);
    this.changed.fire(undefined);
  }

  /** The result shown now (tests). */
  get current(): LargeCaptureResult | undefined {
    return this.result;
  }

  getTreeItem(node: LargeCaptureNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.children === undefined
        ? vscode.TreeItemCollapsibleState.None
        : node.expanded === true
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.description = node.description;
    if (node.tooltip !== undefined) item.tooltip = node.tooltip;
    if (node.icon !== undefined) item.iconPath = new vscode.ThemeIcon(node.icon);
    if (node.line !== undefined && this.result !== undefined)
      item.command = openAtLine(this.result.uri, node.line);
    return item;
  }

  getChildren(node?: LargeCaptureNode): LargeCaptureNode[] {
    return node === undefined ? this.roots : (node.children?.() ?? []);
  }
}
