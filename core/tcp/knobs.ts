// Pure (runs anywhere: host, webview, CLI): the tunables the state reference cards point to.
import type { Knob } from './referenceTypes';
import { SYN_RETRY_RULE } from './synRetries';
import { TIME_WAIT_SECONDS } from './timeWaitLengths';

/** Knobs by short key. Defaults are those of current Linux kernels unless stated. */
export const KNOBS = {
  synRetries: {
    name: 'net.ipv4.tcp_syn_retries',
    default: '6',
    // ip-sysctl.rst tcp_syn_retries and tcp_syn_linear_timeouts; synRetries.ts has the arithmetic.
    effect: SYN_RETRY_RULE,
    caution: {
      en: 'A system-wide setting; a connect timeout in the application is usually the better place to fail fast.',
      zh: '这是全局设置；想让连接尽快失败，通常应在应用里设置 connect 超时。',
    },
  },
  synackRetries: {
    name: 'net.ipv4.tcp_synack_retries',
    default: '5',
    effect: {
      // ip-sysctl.rst tcp_synack_retries: default 5, "31seconds for the last retransmission" → 1+2+4+8+16+32 ≈ 63 s.
      en: 'How many times the server retransmits SYN,ACK for a handshake still in progress (SYN_RECEIVED) before dropping the request; 5 retries take about 63 s.',
      zh: '服务端为尚未完成的握手（SYN_RECEIVED）重传 SYN+ACK 的次数，超过后丢弃该连接请求；5 次约 63 秒。',
    },
    caution: {
      en: 'Lowering it (e.g. to 2) frees SYN-queue slots faster under a SYN flood, but hurts real clients on lossy links.',
      zh: '调低（如 2）能在 SYN 洪泛时更快释放半连接队列，但会影响丢包链路上的正常客户端。',
    },
  },
  maxSynBacklog: {
    name: 'net.ipv4.tcp_max_syn_backlog',
    default: 'scaled with RAM at boot, at least 128',
    // net/ipv4/tcp_input.c tcp_conn_request(): the SYN queue is full at the listener's backlog
    // (inet_csk_reqsk_queue_is_full, sk_max_ack_backlog = min(backlog, somaxconn)); tcp_max_syn_backlog is tested
    // only when syncookies are off, to drop SYNs from unproven peers once less than a quarter of it is left.
    effect: {
      en: "Despite its name, not the SYN-queue limit in current kernels: a listener's SYN queue is full when it holds min(listen() backlog, somaxconn) requests, and then syncookies answer. It matters only with tcp_syncookies = 0: once fewer than a quarter of it remain, SYNs from peers not seen before are dropped.",
      zh: '名不副实：在当前内核中它并不是半连接队列（SYN 队列）的上限。监听 socket 的 SYN 队列在达到 min(listen() backlog, somaxconn) 时即为满，此时由 syncookies 应答。只有 tcp_syncookies = 0 时它才起作用：剩余额度不足四分之一时，来自未曾验证过的对端的 SYN 会被丢弃。',
    },
    caution: {
      en: 'Raising it alone does not grow the SYN queue; raise the listen() backlog and somaxconn.',
      zh: '单独调大它并不会增大 SYN 队列；要调大的是 listen() backlog 和 somaxconn。',
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
      // ip-sysctl.rst tcp_abort_on_overflow; net/ipv4/tcp_minisocks.c tcp_check_req() (listen_overflow).
      en: "What happens when the handshake completes but the accept queue is full: 0 ignores the client's final ACK and keeps the request, so the server retransmits its SYN,ACK (tcp_synack_retries) and the connection completes once the queue has room; 1 answers with RST.",
      zh: '握手完成但全连接队列已满时的处理：0 表示忽略客户端的最后一个 ACK 并保留该请求，服务端会重传 SYN+ACK（tcp_synack_retries），队列有空位后连接即可完成；1 表示回复 RST。',
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
  // ip-sysctl.rst tcp_tw_reuse (0 off, 1 on, 2 loopback only, default 2) and tcp_tw_reuse_delay (Linux 6.13+,
  // default 1000 ms); net/ipv4/tcp_ipv4.c tcp_twsk_unique() needs the TIME_WAIT's last timestamp to be that old.
  twReuse: {
    name: 'net.ipv4.tcp_tw_reuse',
    default: '2 (loopback traffic only) on current kernels; 0 on old ones',
    effect: {
      en: 'Lets connect() reuse a 4-tuple whose previous connection is still in TIME_WAIT, when TCP timestamps prove the new segments are newer and the TIME_WAIT is at least 1 s old (tcp_tw_reuse_delay since Linux 6.13). 0 off, 1 on, 2 (the default) only for loopback. Helps OUTGOING connections only.',
      zh: '当 TCP 时间戳能证明新报文更新、且该 TIME_WAIT 已存在至少 1 秒（Linux 6.13 起由 tcp_tw_reuse_delay 设定）时，允许 connect() 复用仍处于 TIME_WAIT 的四元组。0 关闭，1 开启，2（默认）仅对回环地址开启。只对本机发起的（出向）连接有效。',
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
    // ip-sysctl.rst tcp_max_tw_buckets: "This limit exists only to prevent simple DoS attacks, you _must_ not lower
    // the limit artificially". net/ipv4/tcp_minisocks.c tcp_time_wait(): an overflow counts TCPTimeWaitOverflow;
    // the "time wait bucket table overflow" log line is from old kernels.
    effect: {
      en: 'System-wide cap on TIME_WAIT sockets, a guard against simple DoS attacks. Beyond it a closing socket skips TIME_WAIT and is destroyed at once; current kernels count it in TcpExtTCPTimeWaitOverflow (nstat -az), old ones logged "TCP: time wait bucket table overflow".',
      zh: '全局 TIME_WAIT socket 数量上限，用于防御简单的 DoS 攻击。超过后正在关闭的 socket 跳过 TIME_WAIT、立即销毁；当前内核把它计入 TcpExtTCPTimeWaitOverflow（nstat -az），老内核则在日志中打印 "TCP: time wait bucket table overflow"。',
    },
    caution: {
      en: 'Never lower it (ip-sysctl.rst: you must not lower it artificially): it is no TIME_WAIT remedy and gives up the protection TIME_WAIT exists for. Raise it only with more memory.',
      zh: '切勿调低（ip-sysctl.rst 明确要求不得人为调低）：它不是解决 TIME_WAIT 的手段，调低等于放弃 TIME_WAIT 提供的保护。只有在内存增加后才考虑调大。',
    },
  },
  // socket(7) SO_REUSEPORT (Linux 3.9+).
  reusePort: {
    name: 'SO_REUSEPORT',
    default: 'off',
    effect: {
      en: 'Lets several sockets (one per worker process or thread) listen on the same address and port; the kernel spreads new connections across them, each with its own accept queue.',
      zh: '允许多个 socket（每个 worker 进程或线程一个）监听同一地址和端口；内核把新连接分散给它们，每个 socket 各有自己的全连接队列。',
    },
    caution: {
      en: 'One slow worker fills only its own queue: look at every LISTEN row of the port, not just one.',
      zh: '某个 worker 变慢时只会塞满它自己的队列：要查看该端口所有的 LISTEN 行，而不只是其中一行。',
    },
  },
  // tcp(7) TCP_USER_TIMEOUT (RFC 5482), TCP_KEEPIDLE / TCP_KEEPINTVL / TCP_KEEPCNT.
  userTimeout: {
    name: 'TCP_USER_TIMEOUT, TCP_KEEPIDLE / TCP_KEEPINTVL / TCP_KEEPCNT',
    default: 'off; keepalive times from the sysctls',
    effect: {
      en: 'Per-socket options: TCP_USER_TIMEOUT (ms) caps how long sent data may stay unacknowledged before the connection is dropped with ETIMEDOUT, instead of tcp_retries2 (about 15 min); the TCP_KEEP* options set keepalive per socket, so a dead peer of an idle connection is found in seconds rather than after 2 h.',
      zh: '按 socket 设置的选项：TCP_USER_TIMEOUT（毫秒）限制已发数据最长多久得不到确认就以 ETIMEDOUT 断开连接，取代 tcp_retries2（约 15 分钟）；TCP_KEEP* 系列按 socket 设置保活，让空闲连接的失联对端在几秒内被发现，而不是 2 小时后。',
    },
    caution: {
      en: 'Set TCP_USER_TIMEOUT longer than the keepalive probing (idle + interval × count) or it cuts keepalive short.',
      zh: 'TCP_USER_TIMEOUT 应大于保活探测的总时长（空闲时间 + 间隔 × 次数），否则会提前截断保活。',
    },
  },
  // ip(7) IP_BIND_ADDRESS_NO_PORT (Linux 4.2+).
  bindNoPort: {
    name: 'bind() before connect(), IP_BIND_ADDRESS_NO_PORT',
    default: 'off',
    effect: {
      en: 'A client that bind()s a source address before connect() gets a port reserved at bind() time, unique for every destination, so its ports run out far sooner. IP_BIND_ADDRESS_NO_PORT defers the port choice to connect(), where it only has to be unique per 4-tuple.',
      zh: '客户端在 connect() 之前先 bind() 源地址时，端口在 bind() 时就被占用，且对所有目的地都必须唯一，端口会早得多耗尽。IP_BIND_ADDRESS_NO_PORT 把端口选择推迟到 connect()，此时只需在四元组内唯一。',
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
    // Microsoft TechNet cc757512 (Server 2003: default 120 s) and cc938217 (Windows 2000: 240 s).
    default: `${TIME_WAIT_SECONDS.windows} s since Windows Server 2003 (range 30–300; ${TIME_WAIT_SECONDS.windows2000} s on Windows 2000)`,
    effect: {
      en: 'TIME_WAIT length on Windows, under HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters.',
      zh: 'Windows 上 TIME_WAIT 的时长，位于 HKLM\\SYSTEM\\CurrentControlSet\\Services\\Tcpip\\Parameters。',
    },
  },
} as const satisfies Record<string, Knob>;
