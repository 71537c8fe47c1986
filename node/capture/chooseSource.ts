// Node (shared by the extension host and the CLI): which capture source a platform uses, cheapest first, with fallbacks.
import type { CaptureSource, CommandRunner, FileReader, Snapshot, SourceName } from './captureTypes';
import { commandSource, procSource } from './tableSources';

export interface SourceOptions {
  /** process.platform */
  readonly platform: NodeJS.Platform;
  /** Owning processes wanted (a --process filter, or asked for). */
  readonly owners: boolean;
  /** Only this source (no fallback); undefined: the platform's order. */
  readonly only?: SourceName;
  readonly run: CommandRunner;
  readonly read: FileReader;
  /** /proc, for tests. */
  readonly procRoot?: string;
  /** A port filter the source may apply itself (ss: in the kernel); the differ still filters after parsing. */
  readonly port?: string;
}

/**
 * The order sources are tried in. Linux without owners: /proc (no process at all), then `ss -tanH`, then
 * `netstat -tan`. With owners, `ss -tanpH` first (one process that already joins sockets to their owners),
 * then /proc with the /proc/PID/fd links, then `netstat -tanp`. macOS and the BSDs: `netstat -anv -p tcp`;
 * Windows: `netstat -ano`. With a port filter on Linux, ss first either way: it filters in the kernel.
 */
export function sourceOrder(platform: NodeJS.Platform, owners: boolean, port?: string): SourceName[] {
  if (platform === 'linux')
    return owners || port !== undefined ? ['ss', 'proc', 'netstat'] : ['proc', 'ss', 'netstat'];
  if (platform === 'win32') return ['netstat-windows'];
  return ['netstat-bsd'];
}

function make(name: SourceName, o: SourceOptions): CaptureSource {
  return name === 'proc'
    ? procSource(o.read, o.owners, o.procRoot)
    : commandSource(name, o.run, o.owners, o.port);
}

/**
 * Above this many sockets `ss -tanH` costs less than reading /proc: the kernel formats /proc/net/tcp as text
 * (and walks every socket again for tcp6), about 3 ms of system time per 1,000 sockets, where ss's netlink
 * dump costs about 1 ms per 1,000 plus the process (see `npm run bench:watch`).
 */
export const PROC_ROWS_LIMIT = 3000;

/**
 * Linux without owners, source not forced: /proc while the table is small (no process at all), `ss -tanH`
 * once a poll sees more than PROC_ROWS_LIMIT sockets (back to /proc below half of it, or if ss fails).
 */
export function sizeAdaptive(proc: CaptureSource, ss: CaptureSource): CaptureSource {
  let current = proc;
  return {
    get name() {
      return current.name;
    },
    get describe() {
      return current === proc ? proc.describe : `${ss.describe} (more than ${PROC_ROWS_LIMIT} sockets)`;
    },
    owners: false,
    async snapshot() {
      let snap;
      try {
        snap = await current.snapshot();
      } catch (err) {
        if (current === proc) throw err;
        current = proc;
        return proc.snapshot();
      }
      const n = snap.records.length;
      if (current === proc && n > PROC_ROWS_LIMIT) current = ss;
      else if (current === ss && n < PROC_ROWS_LIMIT / 2) current = proc;
      return snap;
    },
  };
}

function reason(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'not found' : (code ?? err.message.split('\n')[0]);
  }
  return String(err);
}

/** No source worked; `tried` says what each one answered. */
export class NoSourceError extends Error {
  constructor(readonly tried: readonly string[]) {
    super(`no capture source worked: ${tried.join('; ')}`);
  }
}

/** The first source whose first poll succeeds, with that poll; each failure is kept for the message. */
export async function openSource(o: SourceOptions): Promise<{ source: CaptureSource; first: Snapshot }> {
  const tried: string[] = [];
  for (const name of o.only !== undefined ? [o.only] : sourceOrder(o.platform, o.owners, o.port)) {
    let source = make(name, o);
    if (name === 'proc' && o.only === undefined && !o.owners && o.port === undefined)
      source = sizeAdaptive(source, make('ss', o));
    try {
      const first = await source.snapshot();
      return { source, first };
    } catch (err) {
      tried.push(`${source.describe}: ${reason(err)}`);
    }
  }
  throw new NoSourceError(tried);
}
