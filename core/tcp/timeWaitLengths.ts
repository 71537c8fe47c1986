// Pure (runs anywhere): how long TIME_WAIT lasts on each OS a capture can come from, the one source for cards,
// transitions and findings.
import type { Localized } from './types';

/*
 * Linux: TCP_TIMEWAIT_LEN = 60 s (include/net/tcp.h), a constant no sysctl changes.
 * Windows: TcpTimedWaitDelay (HKLM\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters) defaults to 120 s since
 *   Windows Server 2003 (Microsoft TechNet cc757512), range 30–300 s; Windows 2000 used 240 s (TechNet cc938217).
 * macOS: net.inet.tcp.msl = 15000 ms, TIME_WAIT is 2 × MSL = 30 s (xnu bsd/netinet/tcp_timer.c, tcp_msl).
 * FreeBSD: net.inet.tcp.msl = 30000 ms, so 60 s (FreeBSD tcp(4)).
 */
export const TIME_WAIT_SECONDS = {
  linux: 60,
  windows: 120,
  windows2000: 240,
  macos: 30,
  freebsd: 60,
} as const;

/** One sentence on the other systems, for the TIME_WAIT card and the 2MSL edge. */
export const TIME_WAIT_OTHER_OS: Localized = {
  en:
    `Windows: ${TIME_WAIT_SECONDS.windows} s by default since Windows Server 2003 (TcpTimedWaitDelay, 30–300 s; ` +
    `${TIME_WAIT_SECONDS.windows2000} s on Windows 2000). macOS: ${TIME_WAIT_SECONDS.macos} s (2 × net.inet.tcp.msl, 15 s); ` +
    `FreeBSD: ${TIME_WAIT_SECONDS.freebsd} s (2 × 30 s).`,
  zh:
    `Windows：自 Windows Server 2003 起默认 ${TIME_WAIT_SECONDS.windows} 秒（TcpTimedWaitDelay，30–300 秒；` +
    `Windows 2000 为 ${TIME_WAIT_SECONDS.windows2000} 秒）。macOS：${TIME_WAIT_SECONDS.macos} 秒（2 × net.inet.tcp.msl，15 秒）；` +
    `FreeBSD：${TIME_WAIT_SECONDS.freebsd} 秒（2 × 30 秒）。`,
};
