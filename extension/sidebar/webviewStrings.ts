// Extension host: the localized chrome strings handed to the diagram webview.
import * as vscode from 'vscode';
import type { WebviewStrings } from '../../core/protocol/strings';

/**
 * Chrome strings of the webview, every key of core/protocol/strings.ts. Chrome follows VS Code's display
 * language (vscode.l10n); the TCP content in cards follows `tcpStates.contentLanguage` (init.lang).
 */
export function webviewStrings(): WebviewStrings {
  return {
    zoomIn: vscode.l10n.t('Zoom in'),
    zoomOut: vscode.l10n.t('Zoom out'),
    fit: vscode.l10n.t('Fit'),
    compact: vscode.l10n.t('Compact'),
    resets: vscode.l10n.t('Resets'),
    close: vscode.l10n.t('Close'),
    findInLog: vscode.l10n.t('Find in log'),
    noSelection: vscode.l10n.t('Put the cursor on a connection line to see its path.'),
    renderError: vscode.l10n.t('The diagram could not be drawn.'),
    diagramLabel: vscode.l10n.t('TCP state diagram'),
    legendClient: vscode.l10n.t('client'),
    legendServer: vscode.l10n.t('server'),
    legendObserved: vscode.l10n.t('observed'),
    legendInferred: vscode.l10n.t('inferred'),
    legendAlternative: vscode.l10n.t('alternative'),
    countsFrom: vscode.l10n.t('Counts from {0}'),
    pathSteps: vscode.l10n.t('Transitions on this path'),
    cardState: vscode.l10n.t('State'),
    cardTransition: vscode.l10n.t('Transition'),
    cardMeaning: vscode.l10n.t('Meaning'),
    cardSide: vscode.l10n.t('Who is in it'),
    cardNext: vscode.l10n.t('What comes next'),
    cardDuration: vscode.l10n.t('How long'),
    cardMany: vscode.l10n.t('When there are many'),
    cardKnobs: vscode.l10n.t('Knobs'),
    cardDefault: vscode.l10n.t('default'),
    cardCaution: vscode.l10n.t('Caution'),
    cardNotes: vscode.l10n.t('Notes'),
    cardEvent: vscode.l10n.t('Event'),
    cardAction: vscode.l10n.t('Action'),
    cardKind: vscode.l10n.t('Kind'),
    cardRfcRow: vscode.l10n.t('Edge no. (ours; RFC 9293 numbers none)'),
    cardFigure5: vscode.l10n.t('In RFC 9293 Figure 5'),
    cardOutgoing: vscode.l10n.t('Transitions from here'),
    sideClient: vscode.l10n.t('client'),
    sideServer: vscode.l10n.t('server'),
    sideBoth: vscode.l10n.t('either side'),
    kindOpen: vscode.l10n.t('opening'),
    kindData: vscode.l10n.t('data'),
    kindClose: vscode.l10n.t('closing'),
    kindReset: vscode.l10n.t('reset'),
    kindTimeout: vscode.l10n.t('timeout'),
    yes: vscode.l10n.t('yes'),
    no: vscode.l10n.t('no'),
  };
}
