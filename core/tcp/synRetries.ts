// Pure (runs anywhere): the one source for how long an unanswered SYN is retried, used by cards, transitions,
// knobs and findings.
import type { Localized } from './types';

/*
 * ip-sysctl.rst, tcp_syn_retries: default 6, "approximately 127 seconds" (waits 1+2+4+8+16+32, then 64 s).
 * ip-sysctl.rst, tcp_syn_linear_timeouts (Linux 6.5+, default 4): SYN RTOs 1, 1, 1, 1, 1, 2, 4 …; the kernel
 * adds these retries to tcp_syn_retries (net/ipv4/tcp_timer.c, tcp_write_timeout), so 10 retransmissions,
 * waits 1+1+1+1+1+2+4+8+16+32, then 64 s: about 131 s before connect() fails with ETIMEDOUT.
 */
export const SYN_RETRY_SECONDS = 131;
export const SYN_RETRY_SECONDS_BEFORE_6_5 = 127;

/** The give-up time in a few words, for a parenthesis. */
export const SYN_RETRY_SHORT: Localized = {
  en: '≈ 131 s since Linux 6.5, ≈ 127 s before',
  zh: 'Linux 6.5 起约 131 秒，之前约 127 秒',
};

/** The full rule, one sentence. */
export const SYN_RETRY_RULE: Localized = {
  en:
    'An unanswered SYN is retransmitted net.ipv4.tcp_syn_retries times (6); since Linux 6.5 net.ipv4.tcp_syn_linear_timeouts (4) adds four retries 1 s apart before the waits start doubling, ' +
    'so 10 retransmissions and connect() fails with ETIMEDOUT after about 131 s (before 6.5: 6 retransmissions with doubling waits 1, 2, 4 … 32 s, about 127 s).',
  zh:
    '未获应答的 SYN 会重传 net.ipv4.tcp_syn_retries 次（6 次）；Linux 6.5 起 net.ipv4.tcp_syn_linear_timeouts（4）先加上 4 次间隔 1 秒的重传，之后等待时间才开始翻倍，' +
    '共重传 10 次，约 131 秒后 connect() 以 ETIMEDOUT 失败（6.5 之前：重传 6 次，等待 1、2、4……32 秒逐次翻倍，约 127 秒）。',
};
