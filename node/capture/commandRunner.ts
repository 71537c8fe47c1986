// Node (shared by the extension host and the CLI): the only place a capture starts a process.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { CommandRunner, FileReader } from './captureTypes';

/** Enough for 100,000 sockets of `ss -tanpH` output; a larger table fails the poll instead of growing. */
const MAX_OUTPUT = 64 * 1024 * 1024;

/**
 * execFile with the fixed argument array it is given: no shell, so nothing is ever interpreted, and the
 * program is found on the PATH of the process (never a path from a workspace, a log or a setting).
 * LC_ALL=C keeps state names and headers in English whatever the user's locale.
 */
export const execFileRunner: CommandRunner = (file, args) =>
  new Promise((resolve, reject) => {
    execFile(
      file,
      [...args],
      {
        shell: false,
        windowsHide: true,
        maxBuffer: MAX_OUTPUT,
        timeout: 10_000,
        encoding: 'utf8',
        env: { ...process.env, LC_ALL: 'C' },
      },
      (err: Error | null, stdout: string) => (err ? reject(err) : resolve(stdout)),
    );
  });

export const fsReader: FileReader = (path) => readFile(path, 'latin1');
