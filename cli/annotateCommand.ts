// Node (CLI): `tcp-states annotate [FILE]`: the input echoed, each connection line followed by its meaning.
import { terminalSafe } from '../core/text/terminalText';
import { LogParser } from '../core/parse/logParser';
import { stateReference, type StateReference } from '../core/tcp/stateReference';
import type { Lang, TcpState } from '../core/tcp/types';
import type { CliArgs } from './cliArgs';
import { forEachInput } from './cliInput';
import { paint, type CliContext, type Style } from './cliOutput';

const FAMILY_STYLE: Record<StateReference['family'], Style> = {
  opening: 'cyan',
  established: 'green',
  'closing-local': 'yellow',
  'closing-peer': 'magenta',
  'waiting-app': 'red',
  listening: 'blue',
  closed: 'dim',
};

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
    let events = 0;
    return {
      line: (text, n): void => {
        const r = parser.parseLine(text, n);
        if (r !== undefined) {
          ctx.out.line(terminalSafe(text) + comment(r.from, r.state));
          return;
        }
        if (parser.kernelEvents.length > events) {
          const kind = parser.kernelEvents[parser.kernelEvents.length - 1].kind;
          events = parser.kernelEvents.length;
          ctx.out.line(
            `${terminalSafe(text)}  ${paint(ctx.color, 'dim', '#')} ${paint(ctx.color, 'red', KERNEL[kind][ctx.lang])}`,
          );
          return;
        }
        ctx.out.line(terminalSafe(text));
      },
      end: (): void => {},
    };
  });
}
