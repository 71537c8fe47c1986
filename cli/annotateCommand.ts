// Node (CLI): `tcp-states annotate [FILE]`: the input echoed, each connection line followed by its meaning.
import { terminalSafe } from '../core/text/terminalText';
import { LogParser } from '../core/parse/logParser';
import { stateReference } from '../core/tcp/stateReference';
import type { Lang, TcpState } from '../core/tcp/types';
import type { CliArgs } from './cliArgs';
import { forEachInput } from './cliInput';
import { paint, type CliContext } from './cliOutput';
import { FAMILY_STYLE } from './annotateStyle';
import { HeldLines, PACKET_LINE, packetComment, type LineNote } from './traceAnnotate';
import { TraceCollector } from './traceOutput';

const KERNEL: Record<'syn-flood' | 'conntrack-full', Record<Lang, string>> = {
  'syn-flood': {
    en: 'kernel: SYN queue overflowed, answering with SYN cookies',
    zh: '内核：半连接队列溢出，改用 SYN cookie 应答',
  },
  'conntrack-full': {
    en: 'kernel: conntrack table full, new connections dropped',
    zh: '内核：conntrack 表已满，新连接被丢弃',
  },
};

/** Builds the comment once per state (and per transition), not once per line. */
function commentCache(ctx: CliContext): (from: TcpState | undefined, state: TcpState) => string {
  const cache = new Map<string, string>();
  return (from, state) => {
    const key = from === undefined ? state : `${from} ${state}`;
    let c = cache.get(key);
    if (c === undefined) {
      const ref = stateReference(state);
      const name = paint(
        ctx.color,
        FAMILY_STYLE[ref.family],
        from === undefined ? state : `${from} → ${state}`,
      );
      c = `  ${paint(ctx.color, 'dim', '#')} ${name}${paint(ctx.color, 'dim', `: ${ref.short[ctx.lang]}`)}`;
      cache.set(key, c);
    }
    return c;
  };
}

export async function annotateCommand(args: CliArgs, ctx: CliContext): Promise<number> {
  const comment = commentCache(ctx);
  return forEachInput(args.operands, ctx, () => {
    const parser = new LogParser();
    const trace = new TraceCollector();
    // Set at the first packet line: from there on, lines wait for the trace to be replayed whole.
    let held: HeldLines | undefined;
    let events = 0;
    const annotation = (
      text: string,
      bytes: Uint8Array | undefined,
      start: number,
      end: number,
      n: number,
    ): LineNote => {
      const r = parser.parseRange(text, bytes, start, end, n);
      if (r !== undefined) return comment(r.from, r.state);
      if (parser.kernelEvents.length > events) {
        const kind = parser.kernelEvents[parser.kernelEvents.length - 1].kind;
        events = parser.kernelEvents.length;
        return `  ${paint(ctx.color, 'dim', '#')} ${paint(ctx.color, 'red', KERNEL[kind][ctx.lang])}`;
      }
      return trace.range(text, start, end, n) ? PACKET_LINE : undefined;
    };
    return {
      line: (text, n): void => {
        const what = annotation(text, undefined, 0, text.length, n);
        if (what === PACKET_LINE || held !== undefined)
          (held ??= new HeldLines()).hold(text, 0, text.length, what);
        else ctx.out.line(terminalSafe(text) + (what ?? ''));
      },
      range: (text, bytes, start, end, n): void => {
        const what = annotation(text, bytes, start, end, n);
        if (what === PACKET_LINE || held !== undefined)
          (held ??= new HeldLines()).hold(text, start, end, what);
        else ctx.out.line(terminalSafe(text.slice(start, end)) + (what ?? ''));
      },
      end: (): void => {
        if (held === undefined) return;
        const result = trace.result();
        let k = 0;
        held.flush(
          (l) => ctx.out.line(l),
          () => packetComment(result.packets[k++], result, ctx),
        );
      },
    };
  });
}
