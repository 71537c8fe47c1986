// Pure (runs anywhere: host, webview, CLI): the tunables the state reference cards point to.
import type { Knob } from './referenceTypes';

/** Knobs by short key. Defaults are those of current Linux kernels unless stated. */
export const KNOBS = {
  synRetries: {
    name: 'net.ipv4.tcp_syn_retries',
    default: '6',
    effect: {
      en: 'How many times an unanswered SYN is retransmitted before connect() gives up. The wait doubles each time (1, 2, 4 … 64 s), so 6 retries take about 127 s.',
      zh: '未获应答的 SYN 最多重传几次，之后 connect() 放弃。每次等待时间翻倍（1、2、4……64 秒），6 次重传合计约 127 秒。',
    },
    caution: {
      en: 'A system-wide setting; a connect timeout in the application is usually the better place to fail fast.',
      zh: '这是全局设置；想让连接尽快失败，通常应在应用里设置 connect 超时。',
    },
  },
  synackRetries: {
    name: 'net.ipv4.tcp_synack_retries',
    default: '5',
    effect: {
      en: 'How many times the server retransmits SYN,ACK for a half-open connection before dropping it; 5 retries take about 63 s.',
      zh: '服务端为半连接重传 SYN+ACK 的次数，超过后丢弃该半连接；5 次约 63 秒。',
    },
    caution: {
      en: 'Lowering it (e.g. to 2) frees half-open slots faster under a SYN flood, but hurts real clients on lossy links.',
      zh: '调低（如 2）能在 SYN 洪泛时更快释放半连接队列，但会影响丢包链路上的正常客户端。',
    },
  },
  maxSynBacklog: {
    name: 'net.ipv4.tcp_max_syn_backlog',
    default: 'scaled with RAM at boot, at least 128',
    effect: {
      en: 'Per-listener limit on half-open connections (the SYN queue). When it is full, new SYNs are dropped, or answered with syncookies.',
      zh: '每个监听 socket 的半连接队列（SYN 队列）上限。队列满时新的 SYN 被丢弃，或改用 syncookies 应答。',
    },
    caution: {
      en: 'The effective limit also depends on the listen() backlog and somaxconn; raise them together.',
      zh: '实际上限还受 listen() backlog 和 somaxconn 约束，需要一起调整。',
    },
  },
  syncookies: {
    name: 'net.ipv4.tcp_syncookies',
    default: '1',
    effect: {
      en: 'When the SYN queue overflows, answer with a SYN,ACK whose sequence number encodes the connection, keeping no state until the client\'s ACK returns. The kernel logs "Possible SYN flooding on port … Sending cookies."',
      zh: 'SYN 队列溢出时，用一个把连接信息编码进序列号的 SYN+ACK 应答，在客户端 ACK 回来之前不保存任何状态。内核日志会出现 "Possible SYN flooding on port … Sending cookies."。',
    },
    caution: {
      en: 'On by default in current kernels (old articles say 0). It is a fallback under overload: cookie connections can lose TCP options, so do not force it with 2.',
      zh: '当前内核默认已开启（老文章说默认为 0）。它是过载时的兜底手段：用 cookie 建立的连接可能丢失部分 TCP 选项，不要设为 2 强制启用。',
    },
  },
  somaxconn: {
    name: 'net.core.somaxconn',
    default: '4096 (Linux 5.4 and later; 128 before)',
    effect: {
      en: 'Ceiling on the listen() backlog, i.e. on the accept queue of completed connections waiting for accept().',
      zh: 'listen() backlog 的上限，即全连接队列（已完成握手、等待 accept() 的连接）的上限。',
    },
    caution: {
      en: "Raise it together with the application's backlog. A full accept queue means the application does not accept() fast enough; a bigger queue only buys time.",
      zh: '需与应用自己的 backlog 一起调大。全连接队列满说明应用 accept() 不够快，加大队列只能争取时间。',
    },
  },
  listenBacklog: {
    name: 'listen(fd, backlog)',
    default: 'chosen by the application (nginx and Node.js: 511)',
    effect: {
      en: 'The accept-queue length the application asks for, capped by somaxconn. ss shows it as Send-Q on LISTEN rows; Recv-Q is the current queue.',
      zh: '应用请求的全连接队列长度，受 somaxconn 限制。ss 在 LISTEN 行的 Send-Q 显示该上限，Recv-Q 显示当前队列长度。',
    },
  },
  abortOnOverflow: {
    name: 'net.ipv4.tcp_abort_on_overflow',
    default: '0',
    effect: {
      en: "What happens when the accept queue is full: 0 drops the client's final ACK (the client retries), 1 answers with RST.",
      zh: '全连接队列满时的处理：0 表示丢弃客户端的最后一个 ACK（客户端会重试），1 表示回复 RST。',
    },
    caution: {
      en: 'With 1 a short overload turns into connection resets seen by clients; leave it at 0 unless you want fast failure.',
      zh: '设为 1 会把短暂过载变成客户端看到的连接重置；除非需要快速失败，保持 0。',
    },
  },
  keepaliveTime: {
    name: 'net.ipv4.tcp_keepalive_time',
    default: '7200 s',
    effect: {
      en: 'Idle time before the first keepalive probe, for sockets with SO_KEEPALIVE only. With the defaults a dead peer is detected after about 2 h 11 min (7200 + 9 × 75 s).',
      zh: '连接空闲多久后发送第一个保活探测，仅对设置了 SO_KEEPALIVE 的 socket 生效。按默认值，对端失联约 2 小时 11 分钟（7200 + 9 × 75 秒）后才被发现。',
    },
    caution: {
      en: 'NAT gateways and firewalls often forget idle flows long before 2 hours; applications usually set their own shorter keepalive.',
      zh: 'NAT 网关和防火墙往往远不到 2 小时就会清掉空闲连接；应用通常会自行设置更短的保活时间。',
    },
  },
  keepaliveIntvl: {
    name: 'net.ipv4.tcp_keepalive_intvl',
    default: '75 s',
    effect: { en: 'Interval between unanswered keepalive probes.', zh: '未获应答的保活探测之间的间隔。' },
  },
  keepaliveProbes: {
    name: 'net.ipv4.tcp_keepalive_probes',
    default: '9',
    effect: {
      en: 'Unanswered probes before the connection is declared dead and reset.',
      zh: '连续多少个探测无应答后，认定连接已断开并将其重置。',
    },
  },
  retries2: {
    name: 'net.ipv4.tcp_retries2',
    default: '15 (about 15 minutes, depending on RTT)',
    effect: {
      en: 'How long unacknowledged data is retransmitted on an open connection before it is dropped: this is how a sender discovers a vanished peer without keepalive.',
      zh: '已建立连接上未被确认的数据重传多久后放弃并断开连接：没有保活时，发送方就靠它发现对端已消失。',
    },
    caution: {
      en: 'Lowering it (e.g. to 8, about 100 s) detects dead peers sooner but drops connections over short outages.',
      zh: '调低（如 8，约 100 秒）能更快发现失联对端，但短暂网络中断也会导致断连。',
    },
  },
  finTimeout: {
    name: 'net.ipv4.tcp_fin_timeout',
    default: '60 s',
    effect: {
      en: "How long an orphaned FIN_WAIT_2 socket (the application has already closed it) waits for the peer's FIN before being dropped.",
      zh: '孤儿 FIN_WAIT_2 socket（应用已经关闭了它）等待对端 FIN 的最长时间，超时即被丢弃。',
    },
    caution: {
      en: 'Applies to orphaned FIN_WAIT_2 sockets only. It does not shorten TIME_WAIT, whose 60 s is fixed in the kernel, and a FIN_WAIT_2 socket the application still holds (after shutdown()) is not limited by it.',
      zh: '只对孤儿 FIN_WAIT_2 socket 生效。它不会缩短 TIME_WAIT（TIME_WAIT 的 60 秒是内核写死的）；应用仍持有的 FIN_WAIT_2 socket（调用过 shutdown()）也不受它限制。',
    },
  },
  orphanRetries: {
    name: 'net.ipv4.tcp_orphan_retries',
    default: '0 (treated as 8)',
    effect: {
      en: 'How many times an orphaned socket retransmits its FIN (FIN_WAIT_1, CLOSING, LAST_ACK) before it is dropped.',
      zh: '孤儿 socket（FIN_WAIT_1、CLOSING、LAST_ACK）重传 FIN 的次数，超过后被丢弃。',
    },
    caution: {
      en: 'Lowering it frees memory on busy web servers faster, at the cost of abandoning slow peers.',
      zh: '调低可让繁忙的 Web 服务器更快回收内存，代价是放弃响应慢的对端。',
    },
  },
  maxOrphans: {
    name: 'net.ipv4.tcp_max_orphans',
    default: 'scaled with RAM',
    effect: {
      en: 'Maximum number of sockets no process holds any more. Beyond it orphans are reset at once and the kernel logs "too many orphaned sockets".',
      zh: '不再被任何进程持有的 socket（孤儿 socket）的最大数量，超过后立即重置并在内核日志记录 "too many orphaned sockets"。',
    },
  },
  twReuse: {
    name: 'net.ipv4.tcp_tw_reuse',
    default: '2 (loopback only) on current kernels; 0 on old ones',
    effect: {
      en: 'Lets connect() reuse a 4-tuple whose previous connection is still in TIME_WAIT, when TCP timestamps prove the new segments are newer. Helps OUTGOING connections only.',
      zh: '当 TCP 时间戳能证明新报文更新时，允许 connect() 复用仍处于 TIME_WAIT 的四元组。只对本机发起的（出向）连接有效。',
    },
    caution: {
      en: "Needs net.ipv4.tcp_timestamps on both ends. It does nothing for TIME_WAIT held by a server's accepted connections.",
      zh: '需要两端都开启 net.ipv4.tcp_timestamps。对服务端 accept 得到的连接所持有的 TIME_WAIT 没有作用。',
    },
  },
  twRecycle: {
    name: 'net.ipv4.tcp_tw_recycle',
    default: 'removed in Linux 4.12 (was 0)',
    effect: {
      en: 'Obsolete. It expired TIME_WAIT sockets early and dropped SYNs whose TCP timestamp went backwards for the same source IP.',
      zh: '已废弃。它会提前回收 TIME_WAIT，并丢弃来自同一源 IP、TCP 时间戳比之前小的 SYN。',
    },
    caution: {
      en: 'Broke clients behind NAT: hosts sharing one public IP have unrelated timestamp clocks, so their SYNs were silently dropped. Removed in Linux 4.12; never enable it, and distrust guides that recommend it.',
      zh: '它会让 NAT 后面的客户端连不上：共用一个公网 IP 的多台主机时间戳互不相关，它们的 SYN 会被悄悄丢弃。该参数已在 Linux 4.12 中移除；切勿开启，推荐它的教程已经过时。',
    },
  },
  maxTwBuckets: {
    name: 'net.ipv4.tcp_max_tw_buckets',
    default: 'scaled with RAM (half the connection hash size)',
    effect: {
      en: 'System-wide cap on TIME_WAIT sockets. Beyond it new ones are destroyed at once and the kernel logs "TCP: time wait bucket table overflow".',
      zh: '全局 TIME_WAIT socket 数量上限。超过后新的 TIME_WAIT 被立即销毁，内核日志出现 "TCP: time wait bucket table overflow"。',
    },
    caution: {
      en: 'Lowering it gives up the protection TIME_WAIT exists for; prefer reusing connections.',
      zh: '调低它等于放弃 TIME_WAIT 提供的保护；优先考虑复用连接。',
    },
  },
  localPortRange: {
    name: 'net.ipv4.ip_local_port_range',
    default: '32768 60999 (28,232 ports)',
    effect: {
      en: 'Ephemeral ports for outgoing connections. Each closed connection keeps its 4-tuple for 60 s in TIME_WAIT, so one source IP sustains about 28,000 / 60 ≈ 470 new connections per second to one destination IP and port.',
      zh: '本机发起连接时使用的临时端口范围。每个关闭的连接在 TIME_WAIT 中占用其四元组 60 秒，因此一个源 IP 到同一目的 IP 和端口，每秒最多持续新建约 28000 / 60 ≈ 470 个连接。',
    },
    caution: {
      en: 'When widening it, keep your own listening ports out of it (net.ipv4.ip_local_reserved_ports).',
      zh: '扩大范围时，注意避开本机服务监听的端口（可用 net.ipv4.ip_local_reserved_ports 预留）。',
    },
  },
  timestamps: {
    name: 'net.ipv4.tcp_timestamps',
    default: '1',
    effect: {
      en: 'TCP timestamps (RFC 7323): protection against wrapped sequence numbers, and what makes tcp_tw_reuse safe.',
      zh: 'TCP 时间戳（RFC 7323）：防止序列号回绕，也是 tcp_tw_reuse 能安全工作的前提。',
    },
  },
  reuseAddr: {
    name: 'SO_REUSEADDR',
    default: 'off (most server frameworks set it)',
    effect: {
      en: 'Socket option that lets a restarted server bind() its port while old connections on that port are still in TIME_WAIT.',
      zh: 'socket 选项：服务重启时，即使该端口上的旧连接仍处于 TIME_WAIT，也能成功 bind()。',
    },
    caution: {
      en: 'It neither shortens TIME_WAIT nor frees ephemeral ports for outgoing connections; it is not SO_REUSEPORT.',
      zh: '它既不缩短 TIME_WAIT，也不会为出向连接腾出临时端口；它和 SO_REUSEPORT 不是一回事。',
    },
  },
  lingerZero: {
    name: 'SO_LINGER {on, 0}',
    effect: {
      en: 'close() sends RST instead of FIN: the connection is aborted and no TIME_WAIT is left.',
      zh: 'close() 发送 RST 而不是 FIN：连接被直接中止，不留下 TIME_WAIT。',
    },
    caution: {
      en: 'Unsent data is discarded and the peer sees "connection reset"; a workaround of last resort.',
      zh: '未发送的数据会被丢弃，对端看到 "connection reset"；只能作为最后手段。',
    },
  },
  rfc1337: {
    name: 'net.ipv4.tcp_rfc1337',
    default: '0',
    effect: {
      en: '0: a RST received in TIME_WAIT ends it early ("TIME_WAIT assassination", RFC 1337). 1: such RSTs are ignored.',
      zh: '0：TIME_WAIT 期间收到 RST 会提前结束它（RFC 1337 所说的 “TIME_WAIT 暗杀”）；1：忽略这类 RST。',
    },
  },
  windowsTimedWait: {
    name: 'TcpTimedWaitDelay (Windows registry)',
    default: '240 s (range 30–300)',
    effect: {
      en: 'TIME_WAIT length on Windows, under HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters.',
      zh: 'Windows 上 TIME_WAIT 的时长，位于 HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters。',
    },
  },
} as const satisfies Record<string, Knob>;
