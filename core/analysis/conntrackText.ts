// Pure (runs anywhere): the words of the conntrack findings. conntrack rows are flows a firewall/NAT tracks,
// not sockets of this host: they use no local port and no application owns them.
import { groupDigits, type FindingText } from './findingText';

export function conntrackNearFullText(flows: number, max: number): FindingText {
  // nf_conntrack-sysctl.rst, nf_conntrack_max: beyond it new flows are dropped ("table full, dropping packet").
  return {
    title: {
      en: `conntrack table at ${groupDigits(flows)} of ${groupDigits(max)} flows`,
      zh: `conntrack 表已有 ${groupDigits(flows)} / ${groupDigits(max)} 条流`,
    },
    message: {
      en:
        `The capture lists ${groupDigits(flows)} tracked flows against net.netfilter.nf_conntrack_max = ${groupDigits(max)}. At the limit the kernel drops new flows ("nf_conntrack: table full, dropping packet"), which clients see as SYN_SENT timeouts. ` +
        'Raise nf_conntrack_max (and nf_conntrack_buckets), shorten nf_conntrack_tcp_timeout_established / _time_wait, or exempt heavy flows with NOTRACK.',
      zh:
        `输出中有 ${groupDigits(flows)} 条被跟踪的流，而 net.netfilter.nf_conntrack_max = ${groupDigits(max)}。达到上限时内核丢弃新流（"nf_conntrack: table full, dropping packet"），客户端表现为 SYN_SENT 超时。` +
        '请调大 nf_conntrack_max（及 nf_conntrack_buckets），缩短 nf_conntrack_tcp_timeout_established / _time_wait，或对大流量连接使用 NOTRACK。',
    },
  };
}

export function conntrackUnrepliedText(flows: number, destination: string): FindingText {
  // nf_conntrack-sysctl.rst, nf_conntrack_tcp_timeout_syn_sent: 120 s. [UNREPLIED]: no packet seen in reply.
  return {
    title: {
      en: `${groupDigits(flows)} conntrack flows to ${destination} stuck in SYN_SENT [UNREPLIED]`,
      zh: `到 ${destination} 有 ${groupDigits(flows)} 条 conntrack 流停在 SYN_SENT [UNREPLIED]`,
    },
    message: {
      en:
        `${groupDigits(flows)} flows through this firewall/NAT sent a SYN to ${destination} and never saw a reply: the destination is down, a firewall further on drops the SYNs, or return traffic takes another path (asymmetric routing) and never crosses this conntrack table. ` +
        'Each entry lives nf_conntrack_tcp_timeout_syn_sent (120 s). These are flows, not sockets of this host.',
      zh:
        `经过本防火墙/NAT 的 ${groupDigits(flows)} 条流向 ${destination} 发出了 SYN，却从未看到回应：目标宕机、更远处的防火墙丢弃了 SYN，或回程流量走了别的路径（非对称路由），没有经过这张 conntrack 表。` +
        '每个表项存活 nf_conntrack_tcp_timeout_syn_sent（120 秒）。这些是流，不是本机的 socket。',
    },
  };
}

export function conntrackLongEstablishedText(flows: number, maxTtl: number): FindingText {
  // nf_conntrack-sysctl.rst, nf_conntrack_tcp_timeout_established: default 432000 s (5 days).
  return {
    title: {
      en: `${groupDigits(flows)} conntrack ESTABLISHED flows on the 5-day timeout`,
      zh: `${groupDigits(flows)} 条 conntrack ESTABLISHED 流使用 5 天超时`,
    },
    message: {
      en:
        `${groupDigits(flows)} ESTABLISHED flows have more than a day left (up to ${groupDigits(maxTtl)} s): net.netfilter.nf_conntrack_tcp_timeout_established defaults to 432000 s (5 days), so a flow whose endpoints vanished without FIN or RST holds its table entry that long. ` +
        'If the table fills, lower it (an hour or a day is common) above the longest idle time of real connections, or keep them alive with TCP keepalive.',
      zh:
        `${groupDigits(flows)} 条 ESTABLISHED 流剩余时间超过一天（最多 ${groupDigits(maxTtl)} 秒）：net.netfilter.nf_conntrack_tcp_timeout_established 默认 432000 秒（5 天），端点不发 FIN 或 RST 就消失的流会占用表项这么久。` +
        '如果表会被占满，就把它调低（常见为一小时或一天），但要高于真实连接的最长空闲时间，或用 TCP keepalive 保持连接活跃。',
    },
  };
}
