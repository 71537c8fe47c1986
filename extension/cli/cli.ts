// Node (CLI entry, bundled to dist/cli.js): `tcp-states <command> [options] [FILE…]`; see runCli for the rest.
import { runCli } from './runCli';

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // `tcp-states parse big.log | head`: the reader went away; stop quietly like other Unix tools.
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

runCli({
  argv: process.argv.slice(2),
  env: process.env,
  stdin: process.stdin,
  stdoutIsTty: process.stdout.isTTY === true,
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`tcp-states: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 70;
  },
);
