// Extension host and its worker thread: the messages between the large-capture summarizer and its worker.
import type { Finding } from '../../core/analysis/diagnosisTypes';
import type { Summary } from '../../core/analysis/summary';
import type { DiagnosisOptions } from '../../core/analysis/diagnosis';

/** Host → worker (workerData): read the local file at `path`, or wait for `bytes` messages when it is undefined. */
export interface LargeCaptureRequest {
  readonly path?: string;
  readonly options: DiagnosisOptions;
  /** How many local ports and processes to list. */
  readonly top: number;
}

/** Host → worker: the next bytes of a file read by the host (remote windows), `last` on the final piece. */
export interface LargeCaptureBytes {
  readonly kind: 'bytes';
  readonly data: Uint8Array;
  readonly last: boolean;
}

/** Worker → host: bytes and lines read so far. */
export interface LargeCaptureProgress {
  readonly kind: 'progress';
  readonly bytes: number;
  readonly lines: number;
}

/** Worker → host: the summary of the whole file. */
export interface LargeCaptureDone {
  readonly kind: 'done';
  readonly bytes: number;
  readonly lines: number;
  readonly summary: Summary;
  readonly findings: readonly Finding[];
  /** 1-based line of the first connection in each state (indexed like TCP_STATES; 0: none). */
  readonly firstLines: readonly number[];
}

/** Worker → host: the file could not be read. */
export interface LargeCaptureFailed {
  readonly kind: 'failed';
  readonly message: string;
}

export type LargeCaptureMessage = LargeCaptureProgress | LargeCaptureDone | LargeCaptureFailed;
