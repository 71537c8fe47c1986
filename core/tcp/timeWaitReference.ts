// Pure (runs anywhere: host, webview, CLI): the TIME_WAIT reference card, the state SREs ask about most.
import { KNOBS } from './knobs';
import type { StateReference } from './referenceTypes';
import { TIME_WAIT_OTHER_OS } from './timeWaitLengths';

export const TIME_WAIT_REFERENCE: StateReference = {
  state: 'TIME_WAIT',
  short: {
    en: 'Closed first; held 60 s (2MSL on Linux), then gone',
    zh: '本端先关闭；保留 60 秒（Linux 的 2MSL）后释放',
  },
  meaning: {
    en: "The four-way close is complete: this side closed first, received the peer's FIN and sent the last ACK. The connection is kept for 2MSL (twice the maximum segment lifetime) before its 4-tuple may be reused. No application holds it and it has no buffers, only a small kernel entry.",
    zh: '四次挥手已经完成：本端先关闭，收到了对端的 FIN 并发出了最后一个 ACK。连接还要保留 2MSL（两倍最大报文段生存时间），之后其四元组才能被重用。此时已没有应用持有它，也没有收发缓冲区，只剩内核里一个很小的条目。',
  },
  side: {
    en: 'The side that closed first (active close): the client or the server, whichever called close() first. The other side goes through CLOSE_WAIT and LAST_ACK instead; who closes first decides who holds the TIME_WAIT.',
    zh: '先关闭的一方（主动关闭）：客户端或服务端，谁先调用 close() 就是谁。另一方则经过 CLOSE_WAIT 和 LAST_ACK；谁先关闭，TIME_WAIT 就留在谁那里。',
  },
  role: 'either',
  family: 'closing-local',
  next: {
    en: 'The 2MSL timer expires → CLOSED. A retransmitted FIN from the peer is acknowledged again and restarts the timer. A new SYN on the same 4-tuple with a higher sequence number or timestamp may reopen it as a new connection.',
    zh: '2MSL 计时器到期 → CLOSED。若对端重传了 FIN，本端会再次回复 ACK 并重新计时。同一四元组上序列号或时间戳更大的新 SYN 可以直接开启一条新连接。',
  },
  duration: {
    // include/net/tcp.h TCP_TIMEWAIT_LEN; RFC 9293 §3.4.2 (MSL 2 minutes); other OSes: timeWaitLengths.ts.
    en: `60 s on Linux, fixed in the kernel (TCP_TIMEWAIT_LEN) and not tunable by any sysctl. ${TIME_WAIT_OTHER_OS.en} With the RFC's MSL of 2 minutes it would be 4 minutes.`,
    zh: `Linux 上固定为 60 秒（内核常量 TCP_TIMEWAIT_LEN），任何 sysctl 都改不了。${TIME_WAIT_OTHER_OS.zh}若按 RFC 的 MSL = 2 分钟计算则为 4 分钟。`,
  },
  many: {
    en: 'Normal on the side that closes first: a busy client, or a server that closes HTTP connections itself, holds thousands. It hurts only when it exhausts ephemeral ports for new outgoing connections to the same destination: with the default ip_local_port_range (32768–60999, about 28,000 ports) and 60 s each, one source IP sustains about 470 new connections per second to one destination IP and port. Remedies, best first: reuse connections (keep-alive, pools); tcp_tw_reuse = 1 for outgoing connections (the default 2 covers loopback only); a wider port range or more source IPs or destination ports; and a client that bind()s before connect() should set IP_BIND_ADDRESS_NO_PORT. Never lower tcp_max_tw_buckets. Do not use tcp_tw_recycle: it broke clients behind NAT and was removed in Linux 4.12.',
    zh: '在先关闭的一方这是正常现象：繁忙的客户端，或自己主动关闭 HTTP 连接的服务端，都会有成千上万个。只有当它耗尽了临时端口、导致无法向同一目的地新建连接时才是问题：按默认 ip_local_port_range（32768–60999，约 2.8 万个端口）且每个占用 60 秒计算，一个源 IP 到同一目的 IP 和端口每秒最多持续新建约 470 个连接。解决办法按优先级：复用连接（keep-alive、连接池）；对出向连接把 tcp_tw_reuse 设为 1（默认值 2 只对回环地址生效）；扩大端口范围，或增加源 IP、目的端口；在 connect() 之前先 bind() 的客户端应设置 IP_BIND_ADDRESS_NO_PORT。切勿调低 tcp_max_tw_buckets。不要使用 tcp_tw_recycle：它会让 NAT 后面的客户端连不上，且已在 Linux 4.12 中移除。',
  },
  knobs: [
    KNOBS.twReuse,
    KNOBS.timestamps,
    KNOBS.localPortRange,
    KNOBS.bindNoPort,
    KNOBS.maxTwBuckets,
    KNOBS.reuseAddr,
    KNOBS.twRecycle,
    KNOBS.finTimeout,
    KNOBS.lingerZero,
    KNOBS.rfc1337,
    KNOBS.windowsTimedWait,
  ],
  notes: {
    en: 'TIME_WAIT exists for two reasons. 1. Reliable termination: the last ACK may be lost, and the peer, still in LAST_ACK, then retransmits its FIN. This side must still remember the connection to acknowledge it again; without TIME_WAIT it would answer with RST and the peer would report an error instead of a clean close. 2. Old duplicates must die: a segment of this connection delayed in the network could arrive after a new connection on the same 4-tuple (same addresses and ports) has started and be taken as its data. Waiting 2MSL lets every segment of the old connection expire first. Consequences: a client that reconnects at once gets a new ephemeral port, because the old 4-tuple is still in TIME_WAIT; a restarted server may fail to bind() its port unless it sets SO_REUSEADDR, which lets it bind but does not shorten TIME_WAIT. tcp_fin_timeout does not change TIME_WAIT (it governs orphaned FIN_WAIT_2 only), and tcp_tw_recycle, once recommended for "fast recycling", broke clients behind NAT and was removed in Linux 4.12.',
    zh: 'TIME_WAIT 的存在有两个原因。一、可靠地终止连接：最后一个 ACK 可能丢失，仍处于 LAST_ACK 的对端会重传 FIN。本端必须还记得这条连接才能再次回复 ACK；如果没有 TIME_WAIT，本端会回一个 RST，对端就会报错，而不是正常关闭。二、让旧报文消亡：这条连接在网络中“迷路”而延迟的报文，可能在同一四元组（相同地址和端口）上的新连接建立后才到达，被误当作新连接的数据。等待 2MSL，可以确保旧连接的所有报文都已在网络中消失。由此带来的现象：客户端立即重连时会换一个新的临时端口，因为旧的四元组仍处于 TIME_WAIT；服务重启时可能 bind() 失败，除非设置 SO_REUSEADDR，它只让 bind 成功，并不缩短 TIME_WAIT。tcp_fin_timeout 不影响 TIME_WAIT（它只管孤儿 FIN_WAIT_2）；曾被推荐用于“快速回收”的 tcp_tw_recycle 会让 NAT 后面的客户端连不上，已在 Linux 4.12 中移除。',
  },
};
