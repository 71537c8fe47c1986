// Pure (runs anywhere): the words of each diagnosis finding, English and Simplified Chinese, with the numbers.
import type { Localized } from '../tcp/types';

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
  const unreadEn =
    withRecvQ > 0 ? ` ${groupDigits(withRecvQ)} of them still hold unread data (Recv-Q > 0).` : '';
  const unreadZh = withRecvQ > 0 ? `其中 ${groupDigits(withRecvQ)} 个的 Recv-Q 仍有未读数据。` : '';
  return {
    title: {
      en: `${groupDigits(count)} CLOSE_WAIT on ${subject}`,
      zh: `${subject} 上有 ${groupDigits(count)} 个 CLOSE_WAIT`,
    },
    message: {
      en:
        `${groupDigits(count)} sockets of ${subject} are in CLOSE_WAIT: the peer has closed, but the local application never called close().${unreadEn} ` +
        'This is a leak in the application (a response or connection object not closed, a thread stuck); no sysctl fixes it. ' +
        'Find the code path that owns these sockets (lsof -p PID, a thread dump) and close them; restarting only hides the leak.',
      zh:
        `${subject} 有 ${groupDigits(count)} 个套接字处于 CLOSE_WAIT：对端已关闭，本地应用却一直没有调用 close()。${unreadZh}` +
        '这是应用自身的泄漏（响应或连接对象未关闭、线程卡住），任何 sysctl 参数都修不好。' +
        '请找出持有这些套接字的代码（lsof -p PID、线程转储）并关闭它们；重启只会掩盖问题。',
    },
  };
}

export function timeWaitText(
  count: number,
  destination: string,
  ephemeralPorts: number,
  seconds: number,
): FindingText {
  const rate = count / seconds;
  const ceiling = ephemeralPorts / seconds;
  const share = pct(count, ephemeralPorts);
  return {
    title: {
      en: `${groupDigits(count)} TIME_WAIT to ${destination}`,
      zh: `到 ${destination} 有 ${groupDigits(count)} 个 TIME_WAIT`,
    },
    message: {
      en:
        `${groupDigits(count)} connections to ${destination} sit in TIME_WAIT: ${share} of the ~${groupDigits(ephemeralPorts)} ephemeral ports available for that destination. ` +
        `At ${seconds} s each, that is ≈ ${groupDigits(rate)} new connections/s; the ceiling is ≈ ${groupDigits(ceiling)}/s before connect() fails with EADDRNOTAVAIL. ` +
        'TIME_WAIT itself is normal on the side that closes first. Remedies: keep-alive / connection pooling (fewest new connections), ' +
        'net.ipv4.tcp_tw_reuse=1 (outgoing connections only), a wider net.ipv4.ip_local_port_range, net.ipv4.tcp_max_tw_buckets. ' +
        'Do not look for tcp_tw_recycle: it broke clients behind NAT and was removed in Linux 4.12.',
      zh:
        `到 ${destination} 的 ${groupDigits(count)} 个连接处于 TIME_WAIT，占用了该目标可用的约 ${groupDigits(ephemeralPorts)} 个临时端口中的 ${share}。` +
        `每个持续 ${seconds} 秒，相当于约每秒 ${groupDigits(rate)} 个新连接；上限约为每秒 ${groupDigits(ceiling)} 个，超过后 connect() 会报 EADDRNOTAVAIL。` +
        'TIME_WAIT 本身在先关闭的一方是正常的。对策：keep-alive / 连接池（减少新建连接）、' +
        'net.ipv4.tcp_tw_reuse=1（只对主动发起的连接有效）、扩大 net.ipv4.ip_local_port_range、net.ipv4.tcp_max_tw_buckets。' +
        '不要再用 tcp_tw_recycle：它会让 NAT 后面的客户端连不上，已在 Linux 4.12 中移除。',
    },
  };
}

export function synRecvText(count: number, listener: string): FindingText {
  return {
    title: {
      en: `${groupDigits(count)} SYN_RECEIVED on ${listener}`,
      zh: `${listener} 上有 ${groupDigits(count)} 个 SYN_RECEIVED`,
    },
    message: {
      en:
        `${groupDigits(count)} half-open connections wait for the final ACK of the handshake on ${listener}. ` +
        'Either a SYN flood (many sources, spoofed addresses) or the server is too slow to accept(). ' +
        'Check net.ipv4.tcp_syncookies (1), net.ipv4.tcp_max_syn_backlog, net.ipv4.tcp_synack_retries and net.core.somaxconn together with the listen() backlog.',
      zh:
        `${listener} 上有 ${groupDigits(count)} 个半连接在等待三次握手的最后一个 ACK。` +
        '可能是 SYN 洪水攻击（大量、伪造的源地址），也可能是服务端 accept() 太慢。' +
        '请检查 net.ipv4.tcp_syncookies（应为 1）、net.ipv4.tcp_max_syn_backlog、net.ipv4.tcp_synack_retries，以及 net.core.somaxconn 与 listen() 的 backlog。',
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
        'The upstream is unreachable or overloaded, or a firewall silently drops the SYNs (a rejecting one would answer with RST). ' +
        'With net.ipv4.tcp_syn_retries = 6 the kernel keeps retrying for ≈ 127 s before connect() fails; set a shorter connect timeout in the client.',
      zh:
        `到 ${destination} 的 ${groupDigits(count)} 个连接请求已发出 SYN，但还没有收到回应。` +
        '上游不可达或过载，或者防火墙悄悄丢弃了 SYN（拒绝的话会回 RST）。' +
        'net.ipv4.tcp_syn_retries = 6 时，内核会重试约 127 秒才让 connect() 失败；请在客户端设置更短的连接超时。',
    },
  };
}

export function acceptQueueText(listener: string, recvQ: number, backlog: number): FindingText {
  return {
    title: { en: `Accept queue full on ${listener}`, zh: `${listener} 的全连接队列已满` },
    message: {
      en:
        `${listener} has ${groupDigits(recvQ)} connections waiting for accept() with a backlog of ${groupDigits(backlog)} (ss shows the backlog as Send-Q on LISTEN rows). ` +
        'New handshakes are dropped or reset (see ListenOverflows in nstat). The application accepts too slowly; raise the listen() backlog and net.core.somaxconn only after fixing that.',
      zh:
        `${listener} 有 ${groupDigits(recvQ)} 个连接等待 accept()，而 backlog 只有 ${groupDigits(backlog)}（ss 在 LISTEN 行的 Send-Q 列显示 backlog）。` +
        '新的握手会被丢弃或重置（见 nstat 的 ListenOverflows）。应用 accept 得太慢；先解决这一点，再考虑调大 listen() 的 backlog 和 net.core.somaxconn。',
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
        `${groupDigits(count)} 个 FIN_WAIT_2 套接字已不属于任何进程：本端已关闭，对端确认了我们的 FIN，却一直没发它自己的 FIN。` +
        'net.ipv4.tcp_fin_timeout（60 秒）会回收这类孤儿套接字；仍被应用持有的套接字不受它约束，只要对端还在发数据就可以一直停在 FIN_WAIT_2。' +
        '数量多说明对端消失了或从不关闭自己那一侧。',
    },
  };
}

export function lastAckText(count: number): FindingText {
  return {
    title: {
      en: `${groupDigits(count)} LAST_ACK lingering`,
      zh: `${groupDigits(count)} 个 LAST_ACK 迟迟不消失`,
    },
    message: {
      en:
        `${groupDigits(count)} sockets sent their FIN after the peer closed and still wait for its final ACK. ` +
        'The ACK was lost or the peer vanished (crashed host, NAT entry expired); the kernel retransmits the FIN until it gives up (net.ipv4.tcp_retries2).',
      zh:
        `${groupDigits(count)} 个套接字在对端关闭后发出了自己的 FIN，仍在等待对端最后的 ACK。` +
        '这个 ACK 丢了，或者对端已经消失（主机宕机、NAT 表项过期）；内核会重传 FIN 直到放弃（net.ipv4.tcp_retries2）。',
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

export function synFloodText(count: number, port: string): FindingText {
  return {
    title: { en: `Kernel reports a SYN flood on ${port}`, zh: `内核报告 ${port} 遭遇 SYN 洪水` },
    message: {
      en:
        `The kernel logged "Possible SYN flooding" ${groupDigits(count)} time(s) for ${port}: the SYN queue overflowed and it answered with SYN cookies. ` +
        'Real attack or a legitimate burst against a small backlog: check net.ipv4.tcp_syncookies, net.ipv4.tcp_max_syn_backlog, net.core.somaxconn and the listen() backlog.',
      zh:
        `内核针对 ${port} 记录了 ${groupDigits(count)} 次 "Possible SYN flooding"：半连接队列溢出，内核改用 SYN cookie 应答。` +
        '可能是真实攻击，也可能是正常突发流量撞上了太小的 backlog：请检查 net.ipv4.tcp_syncookies、net.ipv4.tcp_max_syn_backlog、net.core.somaxconn 与 listen() 的 backlog。',
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
