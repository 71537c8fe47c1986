// Pure (runs anywhere): the Linux socket states outside RFC 9293 and the RFC state each stands for.
import type { Localized, TcpState } from './types';

/** Linux states outside RFC 9293 and the RFC state they stand for. */
export interface LinuxExtraState {
  /** Kernel enum name (include/net/tcp_states.h). */
  readonly name: 'NEW_SYN_RECV' | 'BOUND_INACTIVE';
  /** The kernel enum's value in hex (include/net/tcp_states.h), which bcc and BPF tools see. */
  readonly enumHex: string;
  /** What /proc/net/tcp prints in `st` for it, when it differs from the enum. */
  readonly procHex?: string;
  readonly mapsTo: TcpState;
  readonly why: Localized;
}

export const LINUX_EXTRA_STATES: readonly LinuxExtraState[] = [
  {
    name: 'NEW_SYN_RECV',
    // net/ipv4/tcp_ipv4.c get_openreq4() prints a request socket with TCP_SYN_RECV (03), never 0C.
    enumHex: '0C',
    procHex: '03',
    mapsTo: 'SYN_RECEIVED',
    why: {
      en: 'Since Linux 4.1 a connection request that got our SYN,ACK lives as a small request socket in NEW_SYN_RECV (12, 0x0C) instead of a full socket; it is the RFC SYN-RECEIVED state. ss prints it as SYN-RECV and /proc/net/tcp as 03 (SYN_RECV), never 0C; only BPF tools such as bcc tcpstates see NEW_SYN_RECV.',
      zh: '自 Linux 4.1 起，已回复 SYN+ACK 的连接请求以轻量的 request socket 形式存在，状态为 NEW_SYN_RECV（12，0x0C），而不是完整的 socket；它就是 RFC 中的 SYN-RECEIVED。ss 显示为 SYN-RECV，/proc/net/tcp 显示为 03（SYN_RECV），从不显示 0C；只有 bcc tcpstates 等 BPF 工具才看得到 NEW_SYN_RECV。',
    },
  },
  {
    name: 'BOUND_INACTIVE',
    enumHex: '0D',
    mapsTo: 'CLOSED',
    why: {
      en: 'A socket that called bind() but neither listen() nor connect(): it holds a port yet has no connection and no TCB in the RFC sense, so it is CLOSED (only `ss -B` lists it).',
      zh: '已调用 bind() 但没有 listen() 也没有 connect() 的 socket：占用了端口，但没有连接，也没有 RFC 意义上的 TCB，因此等同于 CLOSED（只有 `ss -B` 会列出）。',
    },
  },
];
