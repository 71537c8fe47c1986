// Pure (runs anywhere: host, webview, CLI): reference cards for CLOSED, LISTEN, the handshake states and ESTABLISHED.
import { KNOBS } from './knobs';
import type { StateReference } from './referenceTypes';
import { SYN_RETRY_SHORT } from './synRetries';

type OpeningState = 'CLOSED' | 'LISTEN' | 'SYN_SENT' | 'SYN_RECEIVED' | 'ESTABLISHED';

export const OPENING_REFERENCES: Readonly<Record<OpeningState, StateReference>> = {
  CLOSED: {
    state: 'CLOSED',
    short: { en: 'No connection; Linux tools never list it', zh: '没有连接；Linux 上的工具从不列出它' },
    // RFC 9293 §3.3.2: "CLOSED represents no connection state at all" (it is fictional). Linux ss/netstat/proc
    // list no TCP connection in it; BSD/macOS netstat -a lists unconnected PCBs as CLOSED, and Windows has
    // MIB_TCP_STATE_CLOSED (Microsoft, MIB_TCPROW) and Get-NetTCPConnection's Closed.
    meaning: {
      en: 'Where every connection starts and ends. There is no connection and no TCB (transmission control block). On Linux there is nothing to list: ss, netstat and /proc never show a TCP connection in CLOSED. macOS/BSD netstat -a does print CLOSED for a socket that is neither connected nor listening, and Windows can show CLOSED for a connection being torn down.',
      zh: '每条连接的起点和终点。此时既没有连接，也没有 TCB（传输控制块）。在 Linux 上没有东西可列：ss、netstat 和 /proc 都不会显示处于 CLOSED 的 TCP 连接。macOS/BSD 的 netstat -a 则会把既未连接也未监听的 socket 显示为 CLOSED，Windows 也可能对正在拆除的连接显示 CLOSED。',
    },
    side: {
      en: 'Either side: before connect() or listen(), and after the connection is gone.',
      zh: '任意一端：调用 connect() 或 listen() 之前，以及连接彻底结束之后。',
    },
    role: 'either',
    family: 'closed',
    next: {
      en: 'listen() → LISTEN (passive open, the server); connect() → send SYN → SYN_SENT (active open, the client).',
      zh: 'listen() → LISTEN（被动打开，服务端）；connect() → 发送 SYN → SYN_SENT（主动打开，客户端）。',
    },
    duration: {
      en: 'Not a real state: a connection leaves it as soon as it is opened and is deleted when it comes back.',
      zh: '不是真实存在的状态：连接一打开就离开它，回到它时连接即被删除。',
    },
    many: {
      en: 'Nothing to count. A line that does say CLOSE or UNCONN is a socket without a connection: usually UDP or raw, or a TCP socket that was created or bound but never connected or listening (Linux BOUND_INACTIVE, shown by ss -B).',
      zh: '没有可统计的对象。如果某行确实显示 CLOSE 或 UNCONN，那是一个没有连接的 socket：通常是 UDP 或 raw socket，或者已创建、已 bind() 但从未 connect() 或 listen() 的 TCP socket（Linux 的 BOUND_INACTIVE，ss -B 可见）。',
    },
    knobs: [],
    notes: {
      en: "A socket is a file descriptor: socket() creates it, bind() gives it a local address (convert ports and addresses to network byte order, never assume the host's), listen() or connect() puts it into the state machine. Until then it exists in the kernel but has no connection, which Linux reports as state 07 (CLOSE).",
      zh: 'socket 就是一个文件描述符：socket() 创建它，bind() 给它绑定本地地址（端口和地址要转换为网络字节序，不要假定与主机字节序相同），listen() 或 connect() 才让它进入状态机。在此之前它在内核中存在但没有连接，Linux 把这种情况报告为状态 07（CLOSE）。',
    },
  },

  LISTEN: {
    state: 'LISTEN',
    short: {
      en: 'Server waiting for connections (listen() called)',
      zh: '服务端监听中，等待新连接（已调用 listen()）',
    },
    meaning: {
      en: "A server socket that called listen() and waits for SYNs. It is not a connection: its peer shows as *:* or 0.0.0.0:*. The kernel keeps two queues for it: the SYN queue of handshakes in progress (SYN_RECEIVED) and the accept queue of completed handshakes waiting for the application's accept().",
      zh: '服务端 socket 调用 listen() 后等待 SYN。它本身不是一条连接，对端地址显示为 *:* 或 0.0.0.0:*。内核为它维护两个队列：存放 SYN_RECEIVED 连接的半连接队列（SYN 队列），以及存放已完成三次握手、等待应用 accept() 取走的全连接队列（accept 队列）。',
    },
    side: {
      en: 'The server, after socket(), bind() and listen() (passive open).',
      zh: '服务端：依次调用 socket()、bind()、listen() 之后进入（被动打开）。',
    },
    role: 'server',
    family: 'listening',
    next: {
      en: 'Each SYN that arrives creates a new connection in SYN_RECEIVED; the listener itself stays in LISTEN until the application closes it (→ CLOSED).',
      zh: '每到达一个 SYN，就产生一条处于 SYN_RECEIVED 的新连接；监听 socket 本身一直停留在 LISTEN，直到应用关闭它（→ CLOSED）。',
    },
    duration: { en: 'As long as the service runs.', zh: '与服务的运行时间相同。' },
    many: {
      en: 'One per listening address and port (more with SO_REUSEPORT, one per worker). On LISTEN rows ss shows the accept queue: Recv-Q is the number of connections waiting for accept(), Send-Q the backlog limit. Recv-Q equal to Send-Q means the queue is full; above Send-Q it overflows and completed handshakes are dropped (confirm with TcpExtListenOverflows in nstat -az).',
      zh: '每个监听地址和端口一个（使用 SO_REUSEPORT 时每个 worker 一个）。ss 在 LISTEN 行显示全连接队列：Recv-Q 是等待 accept() 的连接数，Send-Q 是 backlog 上限。Recv-Q 等于 Send-Q 表示队列已满；大于 Send-Q 则已溢出，完成握手的连接会被丢弃（可用 nstat -az 中的 TcpExtListenOverflows 确认）。',
    },
    knobs: [
      KNOBS.somaxconn,
      KNOBS.listenBacklog,
      KNOBS.maxSynBacklog,
      KNOBS.abortOnOverflow,
      KNOBS.reuseAddr,
      KNOBS.reusePort,
    ],
    notes: {
      en: 'accept() returns a brand-new connected socket for each client; the listening socket lives for the whole life of the server. Overflows are counted in `nstat -az TcpExtListenOverflows TcpExtListenDrops` (or `netstat -s | grep -i listen`).',
      zh: 'accept() 为每个客户端返回一个全新的已连接 socket；监听 socket 则贯穿服务的整个生命周期。队列溢出次数可用 `nstat -az TcpExtListenOverflows TcpExtListenDrops`（或 `netstat -s | grep -i listen`）查看。',
    },
  },

  SYN_SENT: {
    state: 'SYN_SENT',
    short: { en: 'Client sent SYN, waiting for SYN,ACK', zh: '客户端已发 SYN，等待对端 SYN+ACK' },
    meaning: {
      en: "The client called connect(), sent a SYN (the first step of the three-way handshake) and waits for the server's SYN,ACK.",
      zh: '客户端调用了 connect()，已发送 SYN（三次握手第一步），正在等待服务端的 SYN+ACK。',
    },
    side: {
      en: 'The client (active open): connect() sent the SYN.',
      zh: '客户端（主动打开）：connect() 发出了 SYN。',
    },
    role: 'client',
    family: 'opening',
    next: {
      en: `SYN,ACK arrives → send ACK → ESTABLISHED. RST arrives (nothing listens on that port) → CLOSED, connect() fails with ECONNREFUSED. No answer → the SYN is retransmitted until the retries run out (${SYN_RETRY_SHORT.en}) and connect() fails with ETIMEDOUT. A bare SYN from the peer (simultaneous open) → SYN_RECEIVED.`,
      zh: `收到 SYN+ACK → 发送 ACK → ESTABLISHED。收到 RST（该端口无人监听）→ CLOSED，connect() 以 ECONNREFUSED 失败。没有应答 → 重传 SYN 直到次数用尽（${SYN_RETRY_SHORT.zh}），connect() 以 ETIMEDOUT 失败。收到对端单独的 SYN（同时打开）→ SYN_RECEIVED。`,
    },
    duration: {
      en: 'About one round trip (milliseconds). Seconds mean SYNs or SYN,ACKs are being lost.',
      zh: '大约一个往返时间（毫秒级）。持续数秒说明 SYN 或 SYN+ACK 在丢失。',
    },
    many: {
      en: "The destination does not answer: host or route down, a firewall or security group silently dropping SYNs, the server's queues full, or a burst of connections to a slow upstream. Group them by remote address to find it.",
      zh: '目的端没有应答：主机或路由不通、防火墙或安全组静默丢弃 SYN、服务端队列已满，或者对慢速上游突发大量连接。按远端地址分组即可找到是谁。',
    },
    knobs: [KNOBS.synRetries, KNOBS.localPortRange, KNOBS.bindNoPort],
    notes: {
      en: `If the first SYN is lost the client retransmits it, with waits that double after the first few (1 s each since Linux 6.5), until it gets an answer or gives up (${SYN_RETRY_SHORT.en}). Most applications and HTTP clients have their own connect timeout, much shorter than that.`,
      zh: `如果第一个 SYN 丢了，客户端会重传它，最初几次间隔 1 秒（Linux 6.5 起），之后等待时间逐次翻倍，直到收到应答或放弃（${SYN_RETRY_SHORT.zh}）。多数应用和 HTTP 客户端都有自己的连接超时，远短于此。`,
    },
  },

  SYN_RECEIVED: {
    state: 'SYN_RECEIVED',
    short: {
      en: 'Server got SYN, sent SYN,ACK, waiting for ACK',
      zh: '服务端收到 SYN 并回复 SYN+ACK，等待 ACK',
    },
    meaning: {
      // "Half-open" in RFC 9293 §3.5.1 is an established connection whose peer is gone; this is an embryonic one.
      en: "A handshake in progress (an embryonic connection, often loosely called half-open): the server received a SYN, answered with SYN,ACK (the second step of the handshake) and waits for the client's final ACK. On Linux it sits in the listener's SYN queue as a light request socket (NEW_SYN_RECV), which ss prints as SYN-RECV.",
      zh: '半连接（握手尚未完成的连接，不同于 RFC 9293 所说的“半开连接”）：服务端收到 SYN，回复了 SYN+ACK（三次握手第二步），正在等待客户端的最后一个 ACK。在 Linux 上它以轻量 request socket（NEW_SYN_RECV）的形式放在监听 socket 的半连接队列里，ss 显示为 SYN-RECV。',
    },
    side: {
      en: 'Usually the server: a SYN arrived on a LISTEN socket. Rarely a client, in a simultaneous open.',
      zh: '通常是服务端：监听 socket 收到了 SYN。极少数情况下是同时打开中的客户端。',
    },
    role: 'server',
    family: 'opening',
    next: {
      en: "The client's ACK → ESTABLISHED, and the connection moves to the accept queue. RST → the request is dropped (RFC 9293: back to LISTEN; the listener carries on). No ACK → SYN,ACK retransmitted up to tcp_synack_retries (5, about 63 s), then the request is dropped.",
      zh: '收到客户端的 ACK → ESTABLISHED，连接移入全连接队列。收到 RST → 丢弃该半连接（监听不受影响）。一直没有 ACK → 重传 SYN+ACK 至 tcp_synack_retries 次（5 次，约 63 秒）后丢弃。',
    },
    duration: { en: 'One round trip (milliseconds).', zh: '一个往返时间（毫秒级）。' },
    many: {
      en: 'A SYN flood (spoofed sources never send the ACK), clients whose ACKs are lost, or an accept queue so full that final ACKs are dropped. Look for "Possible SYN flooding on port …" in the kernel log — it ends "Sending cookies." or, with syncookies off, "Dropping request.", and is logged once per listener — and count with nstat -az TcpExtTCPReqQFullDoCookies TcpExtTCPReqQFullDrop; many distinct remote addresses point to spoofing.',
      zh: 'SYN 洪泛攻击（伪造的源地址永远不会回 ACK）、客户端的 ACK 丢失，或全连接队列已满导致最后的 ACK 被丢弃。查看内核日志中的 "Possible SYN flooding on port …"（结尾为 "Sending cookies."，关闭 syncookies 时为 "Dropping request."，每个监听 socket 只记录一次），并用 nstat -az TcpExtTCPReqQFullDoCookies TcpExtTCPReqQFullDrop 计数；远端地址大量且分散说明源地址是伪造的。',
    },
    knobs: [KNOBS.syncookies, KNOBS.maxSynBacklog, KNOBS.synackRetries, KNOBS.somaxconn],
    notes: {
      en: "In a SYN flood an attacker sends SYNs from random spoofed addresses; each takes a slot in the SYN queue and its SYN,ACK goes nowhere, so once the queue is full real clients are turned away. Syncookies, on by default in current Linux, let the server keep no state until the ACK comes back. If the handshake's third packet (the ACK) is lost, the client already believes it is ESTABLISHED while the server is still here; the server's SYN,ACK retransmission or the client's first data segment sorts it out.",
      zh: 'SYN 洪泛时，攻击者用随机伪造的源地址发送 SYN；每个 SYN 占用半连接队列的一个位置，回复的 SYN+ACK 石沉大海，队列一满，正常客户端就被拒之门外。syncookies（当前 Linux 默认开启）让服务端在 ACK 回来之前不保存任何状态。如果三次握手的第三个包（ACK）丢了，客户端已认为连接是 ESTABLISHED，而服务端仍停在这里；服务端重传 SYN+ACK，或客户端发出的第一个数据段，会把双方拉回一致。',
    },
  },

  ESTABLISHED: {
    state: 'ESTABLISHED',
    short: { en: 'Connection open; data flows both ways', zh: '连接已建立，双向传输数据' },
    meaning: {
      en: 'The normal data-transfer state: the three-way handshake is complete and either side may send. Recv-Q is data received but not yet read by the application; Send-Q is data sent but not yet acknowledged by the peer.',
      zh: '正常的数据传输状态：三次握手已完成，双方都可以发送数据。Recv-Q 是已收到但应用尚未读取的数据量；Send-Q 是已发出但对端尚未确认的数据量。',
    },
    side: {
      en: 'Both sides: the client once the SYN,ACK arrived, the server once the final ACK arrived.',
      zh: '双方都会进入：客户端在收到 SYN+ACK 后，服务端在收到最后一个 ACK 后。',
    },
    role: 'either',
    family: 'established',
    next: {
      en: "The local application closes first → send FIN → FIN_WAIT_1 (active close). The peer's FIN arrives → ACK it → CLOSE_WAIT (passive close). RST → CLOSED.",
      zh: '本端应用先关闭 → 发送 FIN → FIN_WAIT_1（主动关闭）。收到对端的 FIN → 回复 ACK → CLOSE_WAIT（被动关闭）。收到 RST → CLOSED。',
    },
    duration: {
      en: 'From milliseconds to days: as long as the application keeps it. Connection pools and HTTP keep-alive hold idle connections open on purpose.',
      zh: '从几毫秒到几天不等，取决于应用保持多久。连接池和 HTTP keep-alive 会有意让空闲连接保持打开。',
    },
    many: {
      en: 'Usually just load or pooling. Worry when the count keeps growing (a connection leak), when Recv-Q stays above 0 (the application is not reading) or Send-Q stays high (the peer or the network is slow). A peer that vanished without FIN or RST leaves a half-open connection that stays ESTABLISHED until keepalive or the next send discovers it.',
      zh: '通常只是负载或连接池的正常表现。需要警惕的是：数量持续增长（连接泄漏）、Recv-Q 长期大于 0（应用没有读取）、Send-Q 长期偏高（对端或网络慢）。对端没发 FIN 或 RST 就消失了，会留下一条半开连接，一直保持 ESTABLISHED，直到保活探测或下一次发送才会发现。',
    },
    knobs: [
      KNOBS.keepaliveTime,
      KNOBS.keepaliveIntvl,
      KNOBS.keepaliveProbes,
      KNOBS.retries2,
      KNOBS.userTimeout,
    ],
    notes: {
      en: 'HTTP decides how long connections live: HTTP/1.0 closed the connection after each response; HTTP/1.1 keeps it open by default unless "Connection: close" is sent, and serves one request at a time on it, so browsers open several per host (Chrome: 6); HTTP/2 multiplexes many requests over one connection. With SO_KEEPALIVE, Linux probes an idle connection after 7200 s, then every 75 s, and gives up after 9 unanswered probes; without it, only the next send discovers a dead peer (answered by RST, or given up after tcp_retries2).',
      zh: 'HTTP 决定了连接能活多久：HTTP/1.0 每个响应后就断开连接；HTTP/1.1 默认保持连接（除非发送 "Connection: close"），且同一连接同一时间只处理一个请求，所以浏览器对同一主机会开多个连接（Chrome 为 6 个）；HTTP/2 则在一条连接上多路复用多个请求。开启 SO_KEEPALIVE 后，Linux 在连接空闲 7200 秒后开始探测，之后每 75 秒一次，连续 9 次无应答即放弃；没开保活时，只有下一次发送才会发现对端已失联（收到 RST，或在 tcp_retries2 次重传后放弃）。',
    },
  },
};
