// Pure (runs anywhere): the words of each diagnosis finding, English and Simplified Chinese, with the numbers.
import type { Localized } from '../tcp/types';
import type { CaptureOs } from './diagnosisTypes';
import { SYN_RETRY_RULE } from '../tcp/synRetries';

/** Title and explanation of one finding. */
export interface FindingText {
  readonly title: Localized;
  readonly message: Localized;
}

/** 28232 → "28,232": grouping without Intl, so the output is identical everywhere. */
export function groupDigits(n: number): string {
  const s = String(Math.round(n));
  return s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function pct(part: number, whole: number): string {
  const p = whole > 0 ? (100 * part) / whole : 0;
  return p >= 10 || p === 0 ? `${Math.round(p)}%` : `${p.toFixed(1)}%`;
}

export function closeWaitText(count: number, subject: string, withRecvQ: number): FindingText {
  // The peer's FIN occupies one unit of Recv-Q until read (tcp_poll / tcp_inq count the FIN, net/ipv4/tcp.c):
  // an idle CLOSE_WAIT shows Recv-Q 1, meaning the application never read end-of-file, not that data waits.
  const unreadEn =
    withRecvQ > 0
      ? ` ${groupDigits(withRecvQ)} of them show Recv-Q ≥ 1: the FIN itself counts 1, so the application never even read end-of-file (more than 1 means unread data too).`
      : '';
  const unreadZh =
    withRecvQ > 0
      ? `其中 ${groupDigits(withRecvQ)} 个的 Recv-Q ≥ 1：FIN 本身在 Recv-Q 中计 1，说明应用连文件末尾（EOF）都没读到（大于 1 才表示还有未读数据）。`
      : '';
  return {
    title: {
      en: `${groupDigits(count)} CLOSE_WAIT on ${subject}`,
      zh: `${subject} 上有 ${groupDigits(count)} 个 CLOSE_WAIT`,
    },
    message: {
      en:
        `${groupDigits(count)} sockets of ${subject} are in CLOSE_WAIT: the peer has closed, but the local application never called close().${unreadEn} ` +
        'This is a leak in the application (a response or connection object not closed, a thread stuck); no sysctl fixes it. ' +
        'The common case is an HTTP client pool keeping idle keep-alive connections the server has since closed (e.g. a Java pool without evictIdleConnections, a Go http.Response body never closed): the pool must evict or validate idle connections. ' +
        'Find the code path that owns these sockets (lsof -p PID, a thread dump) and close them; restarting only hides the leak.',
      zh:
        `${subject} 有 ${groupDigits(count)} 个 socket 处于 CLOSE_WAIT：对端已关闭，本地应用却一直没有调用 close()。${unreadZh}` +
        '这是应用自身的泄漏（响应或连接对象未关闭、线程卡住），任何 sysctl 参数都修不好。' +
        '最常见的是 HTTP 客户端连接池留着服务端早已关闭的空闲 keep-alive 连接（例如 Java 连接池没有 evictIdleConnections、Go 的 http.Response body 从未 Close）：连接池必须剔除或校验空闲连接。' +
        '请找出持有这些 socket 的代码（lsof -p PID、线程转储）并关闭它们；重启只会掩盖问题。',
    },
  };
}

const OS_NAME: Record<CaptureOs, Localized> = {
  linux: { en: 'Linux', zh: 'Linux' },
  windows: { en: 'Windows', zh: 'Windows' },
  macos: { en: 'macOS/BSD', zh: 'macOS/BSD' },
};

/** Remedies per OS. ip-sysctl.rst: tcp_tw_reuse (0/1/2, default 2 = loopback only; a TIME_WAIT socket is reused
 *  for a new outgoing connection once it is ≥ 1 s old, by TCP timestamps), tcp_max_tw_buckets ("do not lower"). */
const TW_REMEDY: Record<CaptureOs, Localized> = {
  linux: {
    en:
      'net.ipv4.tcp_tw_reuse=1 (outgoing connections only; the default 2 enables it for loopback only; a TIME_WAIT at least 1 s old is reused, which needs TCP timestamps), ' +
      'a wider net.ipv4.ip_local_port_range, more source IPs or destinations; a client that bind()s before connect() pins each port to one local address — set IP_BIND_ADDRESS_NO_PORT so the port is chosen at connect() per 4-tuple. ' +
      'Do not lower net.ipv4.tcp_max_tw_buckets: ip-sysctl.rst says never to, it is a DoS guard. Do not look for tcp_tw_recycle: it broke clients behind NAT and was removed in Linux 4.12.',
    zh:
      'net.ipv4.tcp_tw_reuse=1（只对主动发起的连接有效；默认值 2 只对回环地址启用；复用至少 1 秒前进入 TIME_WAIT 的连接，需要 TCP 时间戳）、' +
      '扩大 net.ipv4.ip_local_port_range、增加源 IP 或目标；客户端若在 connect() 前调用 bind()，端口会被固定到一个本地地址——设置 IP_BIND_ADDRESS_NO_PORT，让端口在 connect() 时按四元组选择。' +
      '不要调低 net.ipv4.tcp_max_tw_buckets：ip-sysctl.rst 明确说不要调低，它是防 DoS 的保护。不要再用 tcp_tw_recycle：它会让 NAT 后面的客户端连不上，已在 Linux 4.12 中移除。',
  },
  windows: {
    en: 'widen the dynamic port range (netsh int ipv4 set dynamicport tcp) or shorten TcpTimedWaitDelay (30–300 s, default 120 s).',
    zh: '扩大动态端口范围（netsh int ipv4 set dynamicport tcp），或缩短 TcpTimedWaitDelay（30–300 秒，默认 120 秒）。',
  },
  macos: {
    en: 'widen net.inet.ip.portrange.first / last; net.inet.tcp.msl sets TIME_WAIT (2 × MSL).',
    zh: '扩大 net.inet.ip.portrange.first / last；TIME_WAIT 由 net.inet.tcp.msl 决定（2 × MSL）。',
  },
};

export function timeWaitText(
  count: number,
  subject: string,
  ephemeralPorts: number,
  seconds: number,
  os: CaptureOs = 'linux',
): FindingText {
  const rate = count / seconds;
  const ceiling = ephemeralPorts / seconds;
  const share = pct(count, ephemeralPorts);
  const name = OS_NAME[os];
  const remedy = TW_REMEDY[os];
  return {
    title: {
      en: `${groupDigits(count)} TIME_WAIT ${subject}`,
      zh: `${subject} 有 ${groupDigits(count)} 个 TIME_WAIT`,
    },
    message: {
      en:
        `${groupDigits(count)} connections ${subject} sit in TIME_WAIT: ${share} of the ~${groupDigits(ephemeralPorts)} ephemeral ports (${name.en} default) one local IP has for one destination. ` +
        `At ${seconds} s each (${name.en}), that is ≈ ${groupDigits(rate)} new connections/s; the ceiling is ≈ ${groupDigits(ceiling)}/s before connect() fails with EADDRNOTAVAIL. ` +
        'TIME_WAIT itself is normal on the side that closes first. Remedies: keep-alive / connection pooling (fewest new connections), ' +
        remedy.en,
      zh:
        `${subject} 有 ${groupDigits(count)} 个连接处于 TIME_WAIT，占用了一个本地 IP 到一个目标可用的约 ${groupDigits(ephemeralPorts)} 个临时端口（${name.zh} 默认值）中的 ${share}。` +
        `每个持续 ${seconds} 秒（${name.zh}），相当于约每秒 ${groupDigits(rate)} 个新连接；上限约为每秒 ${groupDigits(ceiling)} 个，超过后 connect() 会报 EADDRNOTAVAIL。` +
        'TIME_WAIT 本身在先关闭的一方是正常的。对策：keep-alive / 连接池（减少新建连接）、' +
        remedy.zh,
    },
  };
}

export function synRecvText(count: number, listener: string): FindingText {
  // Listener SYN-queue limit: min(listen() backlog, net.core.somaxconn) (inet_csk_reqsk_queue_is_full, reqsk
  // queue len vs sk_max_ack_backlog); tcp_max_syn_backlog only matters with tcp_syncookies=0 (tcp_conn_request).
  return {
    title: {
      en: `${groupDigits(count)} SYN_RECEIVED on ${listener}`,
      zh: `${listener} 上有 ${groupDigits(count)} 个 SYN_RECEIVED`,
    },
    message: {
      en:
        `${groupDigits(count)} embryonic connections (half-open handshakes: SYN received, SYN,ACK sent) wait for the final ACK on ${listener}. ` +
        'Either a SYN flood (many sources, spoofed addresses) or the server is too slow to accept() and the full accept queue drops the final ACKs. ' +
        "The listener's SYN queue holds min(listen() backlog, net.core.somaxconn); check net.ipv4.tcp_syncookies (1: cookies once the queue overflows) and net.ipv4.tcp_synack_retries; " +
        'net.ipv4.tcp_max_syn_backlog matters only with syncookies off. ss -t without -a does not list these rows.',
      zh:
        `${listener} 上有 ${groupDigits(count)} 个未完成的握手（半开握手：已收到 SYN、已回 SYN+ACK）在等待最后一个 ACK。` +
        '可能是 SYN 洪泛攻击（大量、伪造的源地址），也可能是服务端 accept() 太慢、全连接队列已满而丢弃了最后的 ACK。' +
        '监听 socket 的半连接队列上限是 min(listen() 的 backlog, net.core.somaxconn)；请检查 net.ipv4.tcp_syncookies（1：队列溢出时才用 cookie）和 net.ipv4.tcp_synack_retries；' +
        'net.ipv4.tcp_max_syn_backlog 只在关闭 syncookies 时才起作用。不带 -a 的 ss -t 不会列出这些行。',
    },
  };
}
export function synSentText(count: number, destination: string): FindingText {
  return {
    title: {
      en: `${groupDigits(count)} SYN_SENT to ${destination}`,
      zh: `到 ${destination} 有 ${groupDigits(count)} 个 SYN_SENT`,
    },
    message: {
      en:
        `${groupDigits(count)} connection attempts to ${destination} have sent a SYN and got no answer yet. ` +
        'The upstream is unreachable or overloaded, or a firewall silently drops the SYNs (a rejecting one would answer with RST, and connect() would fail at once with ECONNREFUSED). ' +
        SYN_RETRY_RULE.en +
        ' Set a shorter connect timeout in the client.',
      zh:
        `到 ${destination} 的 ${groupDigits(count)} 个连接请求已发出 SYN，但还没有收到回应。` +
        '上游不可达或过载，或者防火墙悄悄丢弃了 SYN（拒绝的话会回 RST，connect() 立即以 ECONNREFUSED 失败）。' +
        SYN_RETRY_RULE.zh +
        '请在客户端设置更短的连接超时。',
    },
  };
}
export function acceptQueueText(listener: string, recvQ: number, backlog: number): FindingText {
  // sk_acceptq_is_full (include/net/sock.h): sk_ack_backlog > sk_max_ack_backlog. Equal is full, above overflows.
  // tcp_abort_on_overflow=0 (ip-sysctl.rst): the final ACK is dropped and the server's SYN,ACK retransmission
  // (tcp_synack_retries) lets the handshake complete once accept() catches up.
  const over = recvQ > backlog;
  const sizes = {
    en: `${listener} has ${groupDigits(recvQ)} connections waiting for accept() with a backlog of ${groupDigits(backlog)} (ss shows the backlog, min(listen() backlog, net.core.somaxconn), as Send-Q on LISTEN rows). `,
    zh: `${listener} 有 ${groupDigits(recvQ)} 个连接等待 accept()，backlog 为 ${groupDigits(backlog)}（ss 在 LISTEN 行的 Send-Q 列显示 backlog，即 min(listen() 的 backlog, net.core.somaxconn)）。`,
  };
  if (!over)
    return {
      title: { en: `Accept queue full on ${listener}`, zh: `${listener} 的全连接队列已满` },
      message: {
        en:
          sizes.en +
          'The queue is full, not yet overflowing: the kernel drops a handshake only when the queue is above the backlog. Confirm with ListenOverflows in `nstat -az TcpExtListenOverflows`; ' +
          'if it grows, the application accepts too slowly.',
        zh:
          sizes.zh +
          '队列已满但尚未溢出：只有队列超过 backlog 时内核才会丢弃握手。请用 `nstat -az TcpExtListenOverflows` 的 ListenOverflows 确认；' +
          '若它在增长，说明应用 accept 得太慢。',
      },
    };
  return {
    title: { en: `Accept queue overflowing on ${listener}`, zh: `${listener} 的全连接队列溢出` },
    message: {
      en:
        sizes.en +
        "The queue is above its limit, so new handshakes are dropped (ListenOverflows in nstat grows). With net.ipv4.tcp_abort_on_overflow=0 (default) the client's final ACK is dropped and the server's SYN,ACK retransmissions let it complete later; with 1 the client gets RST. " +
        'The application accepts too slowly; raise the listen() backlog and net.core.somaxconn only after fixing that.',
      zh:
        sizes.zh +
        '队列已超过上限，新的握手会被丢弃（nstat 的 ListenOverflows 增长）。net.ipv4.tcp_abort_on_overflow=0（默认）时客户端的最后一个 ACK 被丢弃，稍后靠服务端重传 SYN+ACK 完成握手；为 1 时客户端收到 RST。' +
        '应用 accept 得太慢；先解决这一点，再考虑调大 listen() 的 backlog 和 net.core.somaxconn。',
    },
  };
}
export function finWait2Text(count: number): FindingText {
  return {
    title: { en: `${groupDigits(count)} orphaned FIN_WAIT_2`, zh: `${groupDigits(count)} 个孤儿 FIN_WAIT_2` },
    message: {
      en:
        `${groupDigits(count)} sockets in FIN_WAIT_2 no longer belong to any process: we closed, the peer acknowledged our FIN but never sent its own. ` +
        'net.ipv4.tcp_fin_timeout (60 s) reaps such orphans; it does not apply to a socket still owned by an application, which may stay in FIN_WAIT_2 while the peer keeps sending. ' +
        'Many of them point at peers that vanish or never close their side.',
      zh:
        `${groupDigits(count)} 个 FIN_WAIT_2 socket 已不属于任何进程：本端已关闭，对端确认了我们的 FIN，却一直没发它自己的 FIN。` +
        'net.ipv4.tcp_fin_timeout（60 秒）会回收这类孤儿 socket；仍被应用持有的socket不受它约束，只要对端还在发数据就可以一直停在 FIN_WAIT_2。' +
        '数量多说明对端消失了或从不关闭自己那一侧。',
    },
  };
}

export function lastAckText(count: number): FindingText {
  // LAST_ACK sockets are closed by the application, hence orphans: their FIN is retried tcp_orphan_retries times
  // (ip-sysctl.rst: default 0 means 8; tcp_orphan_retries() in net/ipv4/tcp_timer.c), not tcp_retries2.
  return {
    title: {
      en: `${groupDigits(count)} LAST_ACK lingering`,
      zh: `${groupDigits(count)} 个 LAST_ACK 迟迟不消失`,
    },
    message: {
      en:
        `${groupDigits(count)} sockets sent their FIN after the peer closed and still wait for its final ACK. ` +
        'The ACK was lost or the peer vanished (crashed host, NAT entry expired); the application has closed the socket, so the kernel retransmits the FIN net.ipv4.tcp_orphan_retries times (0, the default, means 8) and then drops it.',
      zh:
        `${groupDigits(count)} 个 socket 在对端关闭后发出了自己的 FIN，仍在等待对端最后的 ACK。` +
        '这个 ACK 丢了，或者对端已经消失（主机宕机、NAT 表项过期）；应用已关闭该 socket，内核会重传 FIN net.ipv4.tcp_orphan_retries 次（默认值 0 表示 8 次）后丢弃它。',
    },
  };
}
export function sendQText(
  count: number,
  destination: string,
  maxSendQ: number,
  persist: number,
): FindingText {
  const persistEn =
    persist > 0
      ? ` ${groupDigits(persist)} of them run the persist timer: the peer advertises a zero window.`
      : '';
  const persistZh =
    persist > 0 ? `其中 ${groupDigits(persist)} 个正在运行 persist 定时器：对端通告的窗口为 0。` : '';
  return {
    title: { en: `Send-Q backed up to ${destination}`, zh: `到 ${destination} 的 Send-Q 积压` },
    message: {
      en:
        `${groupDigits(count)} established connections to ${destination} hold unacknowledged data in Send-Q (up to ${groupDigits(maxSendQ)} bytes).${persistEn} ` +
        'The peer is not reading (its receive window closed) or the path is congested or lossy. Look at the receiving application first; ss -ti shows the window and retransmissions.',
      zh:
        `到 ${destination} 的 ${groupDigits(count)} 个已建立连接在 Send-Q 中积压了未确认的数据（最多 ${groupDigits(maxSendQ)} 字节）。${persistZh}` +
        '对端没有读取数据（接收窗口关闭），或者链路拥塞、丢包。先检查接收方应用；ss -ti 可以看到窗口和重传情况。',
    },
  };
}

export function synFloodText(count: number, port: string, dropping: boolean): FindingText {
  // tcp_syn_flood_action (net/ipv4/tcp_input.c): "Possible SYN flooding on port … Sending cookies." or
  // "… Dropping request.", logged once per listener (synflood_warned), so the count of lines is no measure.
  const how = dropping
    ? {
        en: 'the SYN queue overflowed and, with syncookies off, new SYNs were dropped ("Dropping request.").',
        zh: '半连接队列溢出，而 syncookies 未开启，新的 SYN 被丢弃（"Dropping request."）。',
      }
    : {
        en: 'the SYN queue overflowed and it answered with SYN cookies ("Sending cookies.").',
        zh: '半连接队列溢出，内核改用 SYN cookie 应答（"Sending cookies."）。',
      };
  return {
    title: { en: `Kernel reports a SYN flood on ${port}`, zh: `内核报告 ${port} 遭遇 SYN 洪泛` },
    message: {
      en:
        `The kernel logged "Possible SYN flooding" for ${port} (${groupDigits(count)} line(s)): ${how.en} ` +
        'It logs this once per listener, so the number of lines says nothing of the intensity: watch TcpExtTCPReqQFullDrop and TcpExtTCPReqQFullDoCookies in `nstat -az`. ' +
        "Real attack or a legitimate burst against a small backlog: check net.ipv4.tcp_syncookies, the listener's backlog (min(listen() backlog, net.core.somaxconn)), and net.ipv4.tcp_max_syn_backlog when syncookies are off.",
      zh:
        `内核针对 ${port} 记录了 "Possible SYN flooding"（${groupDigits(count)} 行）：${how.zh}` +
        '每个监听 socket 只记录一次，所以行数不代表攻击强度：请看 `nstat -az` 中的 TcpExtTCPReqQFullDrop 和 TcpExtTCPReqQFullDoCookies。' +
        '可能是真实攻击，也可能是正常突发流量撞上了太小的 backlog：请检查 net.ipv4.tcp_syncookies、监听 socket 的 backlog（min(listen() 的 backlog, net.core.somaxconn)），关闭 syncookies 时还有 net.ipv4.tcp_max_syn_backlog。',
    },
  };
}

export function ssWithoutAText(rows: number): FindingText {
  return {
    title: {
      en: 'No LISTEN, TIME-WAIT or SYN-RECV rows: ss without -a?',
      zh: '没有 LISTEN、TIME-WAIT 或 SYN-RECV 行：ss 没带 -a？',
    },
    message: {
      en: `This ss capture has ${groupDigits(rows)} rows and none in LISTEN, TIME-WAIT or SYN-RECV. \`ss -t\` without -a lists only connected sockets and hides them; capture with \`ss -tan\` to see TIME_WAIT and SYN_RECV build-ups.`,
      zh: `这份 ss 输出有 ${groupDigits(rows)} 行，却没有一行处于 LISTEN、TIME-WAIT 或 SYN-RECV。不带 -a 的 \`ss -t\` 只列出已连接的 socket，会隐藏这些行；请用 \`ss -tan\` 采集才能看到 TIME_WAIT 和 SYN_RECV 的堆积。`,
    },
  };
}
export function conntrackText(count: number): FindingText {
  return {
    title: { en: 'conntrack table full: packets dropped', zh: 'conntrack 表已满：正在丢包' },
    message: {
      en:
        `The kernel logged "nf_conntrack: table full, dropping packet" ${groupDigits(count)} time(s): new connections through this host's firewall/NAT are dropped, which clients see as SYN_SENT timeouts. ` +
        'Raise net.netfilter.nf_conntrack_max (and the hash size), shorten nf_conntrack_tcp_timeout_time_wait / _established, or exempt heavy flows with NOTRACK.',
      zh:
        `内核记录了 ${groupDigits(count)} 次 "nf_conntrack: table full, dropping packet"：经过本机防火墙/NAT 的新连接被丢弃，客户端表现为 SYN_SENT 超时。` +
        '请调大 net.netfilter.nf_conntrack_max（及哈希表大小），缩短 nf_conntrack_tcp_timeout_time_wait / _established，或对大流量连接使用 NOTRACK。',
    },
  };
}
