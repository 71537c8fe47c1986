// Pure (extension host, unit tests): a socket timer in words ("41 s left of 60 s"), in both content languages.
import type { Lang, TcpState } from '../tcp/types';
import type { IndexedTimer } from '../document/lineIndex';

/** Linux keeps TIME_WAIT (and an orphaned FIN_WAIT_2 on the timewait timer) for 60 s. */
const TIME_WAIT_SECONDS = 60;

/** "0.2 s", "41 s", "89 min", "2.5 h". */
export function formatDuration(seconds: number, lang: Lang): string {
  const unit = lang === 'zh' ? { s: ' 秒', min: ' 分钟', h: ' 小时' } : { s: ' s', min: ' min', h: ' h' };
  if (seconds < 10) return `${Number(seconds.toFixed(seconds < 1 ? 3 : 1))}${unit.s}`;
  if (seconds < 120) return `${Math.round(seconds)}${unit.s}`;
  if (seconds < 7200) return `${Math.round(seconds / 60)}${unit.min}`;
  return `${Number((seconds / 3600).toFixed(1))}${unit.h}`;
}

/** What the timer says about this socket, or undefined when it says nothing (no timer, `off`). */
export function timerText(state: TcpState, timer: IndexedTimer | undefined, lang: Lang): string | undefined {
  if (timer === undefined || timer.kind === 'off') return undefined;
  const s = timer.seconds;
  const zh = lang === 'zh';
  if (s === undefined) return zh ? `计时器：${timer.kind}` : `timer: ${timer.kind}`;
  const d = formatDuration(s, lang);
  switch (timer.kind) {
    case 'timewait': {
      const total = formatDuration(TIME_WAIT_SECONDS, lang);
      if (state === 'FIN_WAIT_2')
        return zh
          ? `孤儿 FIN_WAIT_2：tcp_fin_timeout（${total}）还剩 ${d}`
          : `orphaned: ${d} left of tcp_fin_timeout (${total})`;
      return zh ? `${state}：${total} 中还剩 ${d}` : `${state}, ${d} left of ${total}`;
    }
    case 'keepalive':
      return zh ? `${d} 后发送下一个保活探测` : `next keepalive probe in ${d}`;
    case 'on':
      return zh ? `重传计时器：${d} 后重传` : `retransmission timer: resend in ${d}`;
    case 'persist':
    case 'probe':
      return zh ? `零窗口探测：${d} 后` : `zero-window probe in ${d}`;
    case 'delack':
      return zh ? `延迟 ACK：${d} 后发送` : `delayed ACK due in ${d}`;
    default:
      return zh ? `计时器 ${timer.kind}：${d}` : `${timer.kind} timer: ${d}`;
  }
}
