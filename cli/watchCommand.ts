// Node (CLI): `tcp-states watch`: polls this machine's connection table and prints each change as it is seen.
import { closeSync, openSync, writeSync } from 'node:fs';
import { SnapshotDiffer, type WatchFilter } from '../core/analysis/snapshotDiff';
import { snapshotText } from '../core/analysis/snapshotTable';
import { NoSourceError, openSource } from '../node/capture/chooseSource';
import type { CaptureSource } from '../node/capture/captureTypes';
import { execFileRunner, fsReader } from '../node/capture/commandRunner';
import { detectTcpstates } from '../node/capture/tcpstatesTool';
import { UsageError, type CliArgs } from './cliArgs';
import type { CliContext } from './cliOutput';
import { readErrorReason } from './lineReader';
import { ChangeTally, changeJson, changeLine } from './watchOutput';

const DEFAULT_INTERVAL = 1000;

/** Resolves after `ms`, or at once when `stop` fires first. */
function pause(ms: number, stopped: { now: boolean; wake?: () => void }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      stopped.wake = undefined;
      resolve();
    }
    stopped.wake = done;
  });
}

function openRecord(file: string | undefined, ctx: CliContext): number | undefined | null {
  if (file === undefined) return undefined;
  try {
    return openSync(file, 'w');
  } catch (err) {
    ctx.error(`cannot write ${file}: ${readErrorReason(err)}`);
    return null;
  }
}

export async function watchCommand(args: CliArgs, ctx: CliContext): Promise<number> {
  const w = args.watch;
  if (args.operands.length > 0)
    throw new UsageError(`watch reads this machine's table, not a FILE ('${args.operands[0]}')`, 'watch');
  const interval = w.interval ?? DEFAULT_INTERVAL;
  const filter: WatchFilter = { port: w.port, process: w.process, remoteHost: w.host };
  const owners = w.owners === true || w.process !== undefined;
  const cpuStart = process.cpuUsage();
  let opened: Awaited<ReturnType<typeof openSource>>;
  try {
    opened = await openSource({
      platform: process.platform,
      owners,
      only: w.source,
      port: w.port,
      run: execFileRunner,
      read: fsReader,
    });
  } catch (err) {
    if (!(err instanceof NoSourceError)) throw err;
    ctx.error(err.message);
    return 1;
  }
  const record = openRecord(w.record, ctx);
  if (record === null) return 1;
  const source: CaptureSource = opened.source;
  const differ = new SnapshotDiffer(filter);
  const tally = new ChangeTally();
  const started = opened.first.time;
  const first = differ.update(started, opened.first.records);
  if (record !== undefined) writeSync(record, snapshotText(started, first.kept));
  const bcc = await detectTcpstates(process.platform);
  ctx.error(
    `watching ${differ.size} connection${differ.size === 1 ? '' : 's'} every ${interval} ms (${source.describe}); ${bcc.reason}; Ctrl+C to stop`,
  );

  const stopped: { now: boolean; wake?: () => void } = { now: false };
  const unhook = ctx.onInterrupt?.(() => {
    stopped.now = true;
    stopped.wake?.();
  });
  const deadline = w.duration !== undefined ? started + w.duration * 1000 : Infinity;
  let polls = 1;
  let failures = 0;
  let slot = 0;
  try {
    while (!stopped.now) {
      // Polls keep to the grid start + k × interval; a slow poll skips the slots it overran, never piles up.
      const now = Date.now();
      slot = Math.max(slot + 1, Math.ceil((now - started) / interval));
      const due = started + slot * interval;
      if (due > deadline) {
        await pause(Math.max(0, deadline - now), stopped);
        break;
      }
      await pause(due - now, stopped);
      if (stopped.now) break;
      let snap;
      try {
        snap = await source.snapshot();
      } catch (err) {
        failures++;
        ctx.error(`poll failed (${source.describe}): ${readErrorReason(err)}`);
        continue;
      }
      polls++;
      const { events, kept } = differ.update(snap.time, snap.records);
      for (const e of events) {
        tally.add(e);
        ctx.out.line(args.json ? changeJson(e) : changeLine(e, ctx.color));
      }
      ctx.out.flush();
      if (record !== undefined) writeSync(record, snapshotText(snap.time, kept));
    }
  } finally {
    unhook?.();
    if (record !== undefined) closeSync(record);
  }
  const seconds = (Date.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const summary =
    `watched ${seconds.toFixed(1)} s, ${polls} poll${polls === 1 ? '' : 's'}` +
    (failures > 0 ? ` (${failures} failed)` : '') +
    `: ${tally.total} change${tally.total === 1 ? '' : 's'} (${tally.appeared} new, ${tally.moved} state changes, ${tally.gone} gone), ` +
    `${differ.size} connection${differ.size === 1 ? '' : 's'} now; CPU ${cpuSeconds.toFixed(2)} s (${((100 * cpuSeconds) / Math.max(seconds, 0.001)).toFixed(1)} % of one core)` +
    (w.record !== undefined ? `; recorded to ${w.record}` : '');
  // JSON Lines stay JSON: the summary goes to stderr then.
  if (args.json) ctx.error(summary);
  else ctx.out.line(summary);
  return failures > 0 && polls === 1 ? 1 : 0;
}
