// Node (shared by the extension host and the CLI): what a live capture source is and what it returns.
import type { ConnectionRecord } from '../../core/parse/types';

/** Where a snapshot came from, cheapest first on each platform. */
export type SourceName =
  | 'proc' // Linux: /proc/net/tcp + tcp6 read directly, no process
  | 'ss' // Linux: ss -tanH (ss -tanpH with owners)
  | 'netstat' // Linux: netstat -tan (-tanp with owners)
  | 'netstat-bsd' // macOS: netstat -anv -p tcp
  | 'netstat-windows'; // Windows: netstat -ano

/** One poll of the connection table. */
export interface Snapshot {
  /** ms since the epoch, taken when the poll started. */
  readonly time: number;
  readonly records: readonly ConnectionRecord[];
}

/** A way to take snapshots; `describe` is what a user is told ("/proc/net/tcp, tcp6", "ss -tanpH"), now. */
export interface CaptureSource {
  readonly name: SourceName;
  readonly describe: string;
  /** True when the records name their owning processes (as far as permissions allow). */
  readonly owners: boolean;
  snapshot(): Promise<Snapshot>;
}

/**
 * Runs a program with a fixed argument array and no shell, resolving to its standard output. Injected so
 * tests can stand in for a platform; the real one is execFile (see commandRunner.ts).
 */
export type CommandRunner = (file: string, args: readonly string[]) => Promise<string>;

/** Reads a whole file as text (fs.readFile in real use). */
export type FileReader = (path: string) => Promise<string>;
