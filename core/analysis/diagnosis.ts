// Pure (runs anywhere: host, webview, CLI): what a connection table says is wrong, with the numbers and the evidence lines.
import { DiagnosisCollector } from './diagnosisCollector';
import { DEFAULT_DIAGNOSIS_OPTIONS, type DiagnosisOptions, type Finding } from './diagnosisTypes';
import type { ConnectionRecord, KernelEvent } from '../parse/types';

export { DiagnosisCollector } from './diagnosisCollector';
export { compareFindings, MAX_EVIDENCE_LINES } from './groupTable';
export {
  DEFAULT_DIAGNOSIS_OPTIONS,
  DEFAULT_THRESHOLDS,
  PORT_PROFILES,
  type CaptureOs,
  type DiagnosisOptions,
  type Finding,
  type PortProfile,
  type Severity,
} from './diagnosisTypes';

/**
 * Diagnoses a parsed input. A time series (records with `snapshot`) is judged on its last snapshot, a
 * transition log (records with `from`) on the state each connection was left in, anything else as a whole.
 * Kernel events count wherever they appear. Findings come most severe first, then largest first.
 */
export function diagnose(
  records: readonly ConnectionRecord[],
  kernelEvents: readonly KernelEvent[] = [],
  options: Partial<DiagnosisOptions> = {},
): Finding[] {
  const collector = new DiagnosisCollector({ ...DEFAULT_DIAGNOSIS_OPTIONS, ...options });
  for (const r of records) collector.add(r);
  for (const e of kernelEvents) collector.addKernelEvent(e);
  return collector.findings();
}
