// Worker thread of the extension host (dist/largeCaptureWorker.js): summarizes a capture too large for an editor
// document, off the host's event loop, reporting progress; the host stops it with terminate() to cancel.
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { LineSplitter } from '../../cli/lineReader';
import { SummaryState } from '../../cli/summarySplit';
import type { LargeCaptureBytes, LargeCaptureMessage, LargeCaptureRequest } from './largeCaptureProtocol';

/*
 * Memory stays bounded by the summary itself: the file is read in 1 MiB pieces through the CLI's line splitter
 * and `summary` state (the byte-level ss path, counts in typed arrays, no per-row records kept).
 */
const PIECE = 1 << 20;
/** Progress at most every this many bytes (the host repaints a notification, not a frame per chunk). */
const REPORT_EVERY = 8 << 20;

const req = workerData as LargeCaptureRequest;
const state = new SummaryState(req.options);
const splitter = new LineSplitter(state.range, true);
let bytes = 0;
let reported = 0;

function post(m: LargeCaptureMessage): void {
  parentPort?.postMessage(m);
}

function feed(data: Uint8Array): void {
  splitter.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  bytes += data.byteLength;
  if (bytes - reported >= REPORT_EVERY) {
    reported = bytes;
    post({ kind: 'progress', bytes, lines: splitter.lines });
  }
}

function finish(): void {
  const lines = splitter.finish();
  for (const e of state.parser.kernelEvents) state.collector.addKernelEvent(e);
  post({
    kind: 'done',
    bytes,
    lines,
    summary: state.builder.result(state.parser.snapshots, { top: req.top }),
    findings: state.collector.findings(),
    firstLines: [...state.builder.firstLines],
  });
}

try {
  if (req.path !== undefined) {
    const fd = openSync(req.path, 'r');
    try {
      const buf = Buffer.allocUnsafe(PIECE);
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        feed(buf.subarray(0, n));
      }
    } finally {
      closeSync(fd);
    }
    finish();
  } else {
    parentPort?.on('message', (m: LargeCaptureBytes) => {
      feed(m.data);
      if (m.last) finish();
    });
  }
} catch (err) {
  post({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
}
