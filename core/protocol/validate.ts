// Pure (host): shape checks for messages that arrive from the webview, which the host treats as untrusted.
import { isTcpState } from '../tcp/types';
import type { CardTarget, WebviewToHost } from './messages';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

function isCardTarget(v: unknown): v is CardTarget {
  if (!isRecord(v)) return false;
  if (v.kind === 'state') return isTcpState(v.state);
  if (v.kind === 'transition') return typeof v.transitionId === 'string' && v.transitionId.length < 64;
  return false;
}

/** True when `v` is a well-formed webview → host message. */
export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isRecord(v) || typeof v.type !== 'string') return false;
  switch (v.type) {
    case 'ready':
      return true;
    case 'rendered':
      return (
        typeof v.ok === 'boolean' &&
        (v.theme === 'light' || v.theme === 'dark' || v.theme === 'high-contrast') &&
        typeof v.nodeCount === 'number' &&
        typeof v.edgeCount === 'number' &&
        typeof v.ms === 'number' &&
        (v.error === undefined || typeof v.error === 'string')
      );
    case 'highlighted':
      return (
        typeof v.caption === 'string' &&
        (v.current === null || isTcpState(v.current)) &&
        Array.isArray(v.states) &&
        v.states.every(isTcpState) &&
        isStringArray(v.observedEdges) &&
        isStringArray(v.inferredEdges) &&
        isStringArray(v.alternativeEdges) &&
        isStringArray(v.labelledEdges) &&
        typeof v.ms === 'number'
      );
    case 'findInLog':
      return isTcpState(v.state);
    case 'cardOpened':
      return isCardTarget(v.target);
    default:
      return false;
  }
}
