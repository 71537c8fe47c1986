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
}

/**
 * The order sources are tried in. Linux without owners: /proc (no process at all), then `ss -tanH`, then
 * `netstat -tan`. With owners, `ss -tanpH` first (one process that already joins sockets to their owners),
 * then /proc with the /proc/PID/fd links, then `netstat -tanp`. macOS and the BSDs: `netstat -anv -p tcp`;
 * Windows: `netstat -ano`.
 */
export function sourceOrder(platform: NodeJS.Platform, owners: boolean): SourceName[] {
  if (platform === 'linux') return owners ? ['ss', 'proc', 'netstat'] : ['proc', 'ss', 'netstat'];
  if (platform === 'win32') return ['netstat-windows'];
  return ['netstat-bsd'];
}

function make(name: SourceName, o: SourceOptions): CaptureSource {
  return name === 'proc' ? procSource(o.read, o.owners, o.procRoot) : commandSource(name, o.run, o.owners);
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
  for (const name of o.only !== undefined ? [o.only] : sourceOrder(o.platform, o.owners)) {
    const source = make(name, o);
    try {
      const first = await source.snapshot();
      return { source, first };
    } catch (err) {
      tried.push(`${source.describe}: ${reason(err)}`);
    }
  }
  throw new NoSourceError(tried);
}
