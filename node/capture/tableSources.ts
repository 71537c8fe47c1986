// Node (shared by the extension host and the CLI): snapshot sources that read /proc or run ss / netstat.
import type { CaptureSource, CommandRunner, FileReader, SourceName } from './captureTypes';
import { procOwners } from './procOwners';
import { procRowKey, RowCache } from './rowCache';

/**
 * Linux, cheapest: /proc/net/tcp and /proc/net/tcp6 read as files (no process), for the network namespace
 * of this process. With `owners`, each socket's inode is looked up in the /proc/PID/fd links (only the
 * processes this user may inspect: another user's sockets get no owner unless run as root).
 */
export function procSource(read: FileReader, owners: boolean, procRoot = '/proc'): CaptureSource {
  const rows = new RowCache(procRowKey);
  return {
    name: 'proc',
    describe: `${procRoot}/net/tcp, tcp6${owners ? ` + ${procRoot}/*/fd` : ''}`,
    owners,
    async snapshot() {
      const time = Date.now();
      const [v4, v6] = await Promise.all([
        read(`${procRoot}/net/tcp`),
        // A kernel without IPv6 has no tcp6: that is an empty table, not a failure.
        read(`${procRoot}/net/tcp6`).catch(() => ''),
      ]);
      rows.begin();
      const records = rows.parse(v6, rows.parse(v4, []));
      rows.end();
      if (!owners) return { time, records };
      const byInode = await procOwners(procRoot);
      return {
        time,
        records: records.map((r) => {
          const p = r.inode !== undefined ? byInode.get(r.inode) : undefined;
          return p === undefined ? r : { ...r, processes: p };
        }),
      };
    },
  };
}

/** A fixed command line per source; nothing in it comes from the workspace, a log or a setting. */
export const COMMANDS: Readonly<Record<Exclude<SourceName, 'proc'>, { plain: string[]; owners: string[] }>> =
  {
    ss: { plain: ['ss', '-tanH'], owners: ['ss', '-tanpH'] },
    netstat: { plain: ['netstat', '-tan'], owners: ['netstat', '-tanp'] },
    // macOS prints the owning pid in -v's `pid` column whether asked or not.
    'netstat-bsd': { plain: ['netstat', '-anv', '-p', 'tcp'], owners: ['netstat', '-anv', '-p', 'tcp'] },
    // Windows: -o adds the PID column (names would need -b, which needs elevation).
    'netstat-windows': { plain: ['netstat', '-ano'], owners: ['netstat', '-ano'] },
  };

/** A source that runs one of COMMANDS per poll through `run` (execFile, no shell); ss with a port filter. */
/**
 * ss's own filter for one port, either side: `( sport = :P or dport = :P )`, evaluated in the kernel (the
 * sock_diag bytecode), so a busy machine's other sockets are never formatted, sent or parsed. The port is
 * checked to be a number here, whatever the caller checked: it becomes argument words, never shell text.
 */
export function ssPortFilter(port: string): string[] {
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    throw new Error(`not a port: ${port}`);
  return ['(', 'sport', '=', `:${port}`, 'or', 'dport', '=', `:${port}`, ')'];
}

export function commandSource(
  name: Exclude<SourceName, 'proc'>,
  run: CommandRunner,
  owners: boolean,
  port?: string,
): CaptureSource {
  const [file, ...fixed] = owners ? COMMANDS[name].owners : COMMANDS[name].plain;
  const args = name === 'ss' && port !== undefined ? [...fixed, ...ssPortFilter(port)] : fixed;
  const rows = new RowCache();
  return {
    name,
    describe: [file, ...args].join(' '),
    owners,
    async snapshot() {
      const time = Date.now();
      const text = await run(file, args);
      rows.begin();
      const records = rows.parse(text, []);
      rows.end();
      return { time, records };
    },
  };
}
