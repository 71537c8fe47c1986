// Node (CLI): `annotate` on an input with packet lines. A packet's states are known only once the whole trace
// has been replayed, so from the first packet line on the output waits for the end of the input; what waits is
// the decoded 64 KiB chunks themselves plus four numbers per line (no string per line).
import { stateReference } from '../core/tcp/stateReference';
import type { Lang, TcpState } from '../core/tcp/types';
import { SIDE } from '../core/text/traceText';
import { revisionText } from '../core/text/revisionText';
import { roleText } from '../core/text/traceWords';
import { terminalSafe } from '../core/text/terminalText';
import type { TracePacket, TraceResult } from '../core/trace/traceTypes';
import { paint, type CliContext } from './cliOutput';
import { FAMILY_STYLE } from './annotateStyle';

/** What follows a line: a comment, the packet comment known at the end (PACKET_LINE), or nothing. */
export const PACKET_LINE: unique symbol = Symbol('packet line');
export type LineNote = string | typeof PACKET_LINE | undefined;

/** Tags of held lines: a packet line, a plain one, else the index of its comment. */
const PACKET = -2;
const PLAIN = -1;

/** The lines held from the first packet line on: their chunk, their range in it, and what follows them. */
export class HeldLines {
  private readonly chunks: string[] = [];
  private readonly comments: string[] = [];
  private readonly commentIds = new Map<string, number>();
  private spans = new Int32Array(4 * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Holds text[start, end); `comment` is appended after it, PACKET_LINE marks a packet line. */
  hold(text: string, start: number, end: number, what: LineNote): void {
    if (this.chunks[this.chunks.length - 1] !== text) this.chunks.push(text);
    if (4 * (this.count + 1) > this.spans.length) {
      const bigger = new Int32Array(this.spans.length * 2);
      bigger.set(this.spans);
      this.spans = bigger;
    }
    let tag = PLAIN;
    if (what === PACKET_LINE) tag = PACKET;
    else if (what !== undefined) {
      tag = this.commentIds.get(what) ?? this.comments.length;
      if (tag === this.comments.length) {
        this.comments.push(what);
        this.commentIds.set(what, tag);
      }
    }
    const at = 4 * this.count++;
    this.spans[at] = this.chunks.length - 1;
    this.spans[at + 1] = start;
    this.spans[at + 2] = end;
    this.spans[at + 3] = tag;
  }

  /** Writes every held line, terminal-safe, each packet line with `packetComment` of the next packet. */
  flush(write: (line: string) => void, packetComment: () => string): void {
    for (let i = 0; i < this.count; i++) {
      const at = 4 * i;
      const text = terminalSafe(this.chunks[this.spans[at]].slice(this.spans[at + 1], this.spans[at + 2]));
      const tag = this.spans[at + 3];
      write(tag === PACKET ? text + packetComment() : tag === PLAIN ? text : text + this.comments[tag]);
    }
  }
}

const MID_START: Record<Lang, string> = {
  en: 'the trace starts mid-connection: client and server guessed from the ports',
  zh: '抓包从连接中途开始：客户端与服务端按端口推测',
};

function ends(before: TcpState, after: TcpState, ctx: CliContext): string {
  const style = FAMILY_STYLE[stateReference(after).family];
  return paint(ctx.color, style, before === after ? after : `${before} → ${after}`);
}

/**
 * `  # client FIN_WAIT_1 → TIME_WAIT · server LAST_ACK — server sent FIN after the peer's FIN`: both ends'
 * states (before → after when the packet moved them), then what the packet does, then why it was revised.
 */
export function packetComment(t: TracePacket, trace: TraceResult, ctx: CliContext): string {
  const lang: Lang = ctx.lang;
  const conn = trace.connections.length > 1 ? `#${t.connection} ` : '';
  const states =
    `${SIDE.client[lang]} ${ends(t.clientBefore, t.clientState, ctx)}` +
    ` · ${SIDE.server[lang]} ${ends(t.serverBefore, t.serverState, ctx)}`;
  const p = t.packet;
  const resent = p.syn ? (p.ack ? 'SYN,ACK' : 'SYN') : p.fin ? 'FIN' : 'data';
  let tail = ` — ${roleText(t.role, t.fromClient, lang, resent)}`;
  const c = trace.connections[t.connection];
  // On the first packet of a connection caught mid-way: nothing proves which end opened it.
  if (c.midStart && trace.packets[c.packets[0]] === t) tail += ` · ${MID_START[lang]}`;
  if (t.revision !== undefined) tail += ` · ${revisionText(t.revision.kind, t.revision.byLine, lang)}`;
  return `  ${paint(ctx.color, 'dim', '#')} ${conn}${states}${paint(ctx.color, 'dim', tail)}`;
}
