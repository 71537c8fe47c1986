// Node (CLI entry, bundled to dist/cli.js): `tcp-states <command> [options] [FILE…]`; see runCli for the rest.
import { isMainThread, workerData } from 'node:worker_threads';
import { writeErrorReason } from './lineReader';
import { runCli } from './runCli';
import { isPartRequest, runPartWorker } from './summarySplit';

/** While hooked, SIGINT and SIGTERM call `handler` (watch ends with its summary) instead of ending the process. */
function onInterrupt(handler: () => void): () => void {
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}

function main(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // `tcp-states parse big.log | head`: the reader went away; stop quietly like other Unix tools.
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    // `> /dev/full`, a full disk, a revoked terminal: one line, like coreutils, and a failing status.
    process.stderr.write(`tcp-states: write error: ${writeErrorReason(err)}\n`);
    process.exit(1);
  });

  runCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdin: process.stdin,
    stdoutIsTty: process.stdout.isTTY === true,
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    workerScript: __filename,
    onInterrupt,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `tcp-states: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 70;
    },
  );
}

// `summary` on a large file runs this same script in a Worker for the file's second half.
if (!isMainThread && isPartRequest(workerData)) runPartWorker();
else main();
