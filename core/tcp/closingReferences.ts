// Pure (runs anywhere: host, webview, CLI): reference cards for the closing states other than TIME_WAIT.
import { KNOBS } from './knobs';
import type { StateReference } from './referenceTypes';

type ClosingState = 'FIN_WAIT_1' | 'FIN_WAIT_2' | 'CLOSING' | 'CLOSE_WAIT' | 'LAST_ACK';

export const CLOSING_REFERENCES: Readonly<Record<ClosingState, StateReference>> = {
  FIN_WAIT_1: {
    state: 'FIN_WAIT_1',
    short: { en: 'Closed first: FIN sent, waiting for its ACK', zh: '本端先关闭：已发 FIN，等待对端确认' },
    meaning: {
      en: 'This side called close() or shutdown(SHUT_WR) first and sent a FIN, the first step of the four-way close. It waits for the peer to acknowledge the FIN.',
      zh: '本端先调用了 close() 或 shutdown(SHUT_WR)，发出了 FIN（四次挥手第一步），正在等待对端确认这个 FIN。',
    },
    side: {
      en: 'This side closed first (active close): the client or the server, whichever called close() first.',
      zh: '本端先关闭（主动关闭）：客户端或服务端都可能，谁先调用 close() 就是谁。',
    },
    role: 'either',
    family: 'closing-local',
    next: {
      en: "ACK of our FIN → FIN_WAIT_2. The peer's FIN together with that ACK → straight to TIME_WAIT. The peer's FIN alone (it closed at the same moment) → CLOSING. An unacknowledged FIN is retransmitted; an orphaned socket gives up after tcp_orphan_retries.",
      zh: '收到对 FIN 的 ACK → FIN_WAIT_2。对端的 FIN 与该 ACK 一起到达 → 直接进入 TIME_WAIT。只收到对端的 FIN（对方同时关闭）→ CLOSING。FIN 未被确认会重传；孤儿 socket 在 tcp_orphan_retries 次后放弃。',
    },
    duration: { en: 'One round trip (milliseconds).', zh: '一个往返时间（毫秒级）。' },
    many: {
      en: 'Our FINs are not being acknowledged: the peer is unreachable, or its receive window is zero so the data queued before the FIN cannot be delivered (check Send-Q). Orphaned FIN_WAIT_1 sockets cost memory; tcp_max_orphans caps them.',
      zh: '本端的 FIN 得不到确认：对端不可达，或对端接收窗口为 0，排在 FIN 前面的数据发不出去（看 Send-Q）。孤儿 FIN_WAIT_1 socket 会占用内存，tcp_max_orphans 限制其数量。',
    },
    knobs: [KNOBS.orphanRetries, KNOBS.maxOrphans],
    notes: {
      en: 'TCP is full duplex, so each direction is closed on its own: a FIN only says "I have nothing more to send". After it this side can still receive data until the peer sends its own FIN.',
      zh: 'TCP 是全双工的，每个方向需要单独关闭：FIN 只表示“我没有数据要发了”。发出 FIN 之后，本端仍然可以接收数据，直到对端也发来 FIN。',
    },
  },

  FIN_WAIT_2: {
    state: 'FIN_WAIT_2',
    short: {
      en: "Our FIN acked; waiting for the peer's FIN",
      zh: '本端 FIN 已被确认，等待对端的 FIN（半关闭）',
    },
    meaning: {
      en: "Our direction is closed and acknowledged; the peer's direction is still open. This is TCP's half-close: this side sends nothing more but can still receive until the peer sends its FIN.",
      zh: '本端方向已关闭并得到确认，对端方向仍然打开。这就是 TCP 的半关闭：本端不再发送数据，但在对端发出 FIN 之前仍可以接收。',
    },
    side: {
      en: 'This side closed first (active close) and the peer acknowledged the FIN; the peer is now in CLOSE_WAIT.',
      zh: '本端先关闭（主动关闭），对端已确认了 FIN；此时对端处于 CLOSE_WAIT。',
    },
    role: 'either',
    family: 'closing-local',
    next: {
      en: "The peer's application closes and its FIN arrives → send the last ACK → TIME_WAIT. If our application has already closed the socket (orphaned), Linux drops it after tcp_fin_timeout (60 s) without waiting any longer.",
      zh: '对端应用关闭，其 FIN 到达 → 发送最后一个 ACK → TIME_WAIT。如果本端应用已经关闭了 socket（孤儿 socket），Linux 在 tcp_fin_timeout（60 秒）后直接丢弃它，不再等待。',
    },
    duration: {
      en: "Until the peer's application closes, normally milliseconds. Orphaned sockets at most tcp_fin_timeout (60 s); a socket the application still holds after shutdown(SHUT_WR) for as long as the peer keeps its side open.",
      zh: '直到对端应用关闭为止，通常是毫秒级。孤儿 socket 最多 tcp_fin_timeout（60 秒）；应用调用 shutdown(SHUT_WR) 后仍持有的 socket，则对端不关它就一直停留。',
    },
    many: {
      en: 'The peers are not closing their side: they sit in CLOSE_WAIT (a bug on their end) or deliberately keep a half-closed stream open. ss -o shows a "timewait" timer on orphaned FIN_WAIT_2 sockets: those go away by themselves.',
      zh: '对端迟迟不关闭自己那一侧：它们停在 CLOSE_WAIT（对端程序的 bug），或有意保持半关闭的数据流。ss -o 会在孤儿 FIN_WAIT_2 socket 上显示 "timewait" 计时器，这些会自行消失。',
    },
    knobs: [KNOBS.finTimeout],
    notes: {
      en: 'The RFC puts no time limit on FIN_WAIT_2, so a peer that never closes would hold it forever; Linux limits only the orphaned ones. Old tuning guides lower tcp_fin_timeout to "reduce TIME_WAIT": it has no effect on TIME_WAIT at all.',
      zh: 'RFC 对 FIN_WAIT_2 没有规定超时，对端若永不关闭，本端就会一直停留；Linux 只对孤儿 socket 设了上限。一些老的调优文章用调小 tcp_fin_timeout 来“减少 TIME_WAIT”，这对 TIME_WAIT 毫无作用。',
    },
  },

  CLOSING: {
    state: 'CLOSING',
    short: {
      en: 'Both closed at once; waiting for ACK of our FIN',
      zh: '双方同时关闭，等待对端确认本端的 FIN',
    },
    meaning: {
      en: "Simultaneous close: we sent a FIN and, before it was acknowledged, the peer's FIN arrived. We acknowledged theirs and now wait for the ACK of ours.",
      zh: '同时关闭：本端发出 FIN 后、尚未得到确认时，收到了对端的 FIN。本端已确认对方的 FIN，正在等待对方确认自己的 FIN。',
    },
    side: {
      en: "Both sides at once: each closed before it saw the other's FIN.",
      zh: '双方同时处于此状态：各自在看到对方 FIN 之前就已关闭。',
    },
    role: 'either',
    family: 'closing-local',
    next: {
      en: 'ACK of our FIN → TIME_WAIT; after a simultaneous close both sides hold a TIME_WAIT.',
      zh: '收到对本端 FIN 的 ACK → TIME_WAIT；同时关闭时双方都会进入 TIME_WAIT。',
    },
    duration: { en: 'One round trip; rare and brief.', zh: '一个往返时间；罕见且短暂。' },
    many: {
      en: 'CLOSING sockets that persist mean the ACKs of FINs are lost (packet loss, a middlebox) or the peer vanished right after sending its FIN.',
      zh: '长期存在的 CLOSING 说明对 FIN 的 ACK 丢失了（丢包或中间设备问题），或对端发出 FIN 后就消失了。',
    },
    knobs: [KNOBS.orphanRetries],
  },

  CLOSE_WAIT: {
    state: 'CLOSE_WAIT',
    short: {
      en: 'Peer closed; waiting for OUR app to call close()',
      zh: '对端已关闭，等待本端应用调用 close()',
    },
    meaning: {
      en: 'The peer sent a FIN (it has nothing more to send) and the kernel acknowledged it. The connection is half-closed: this side may still send. TCP now waits for the local application to call close(); TCP itself sets no timeout here.',
      zh: '对端发来了 FIN（它已没有数据要发），内核已回复 ACK。连接处于半关闭：本端仍可发送数据。TCP 在等待本端应用调用 close()，协议本身在这里不设任何超时。',
    },
    side: {
      en: 'This side did not close first (passive close): the client or the server, whichever the peer hung up on.',
      zh: '本端不是先关闭的一方（被动关闭）：客户端或服务端都可能，取决于谁被对方先挂断。',
    },
    role: 'either',
    family: 'waiting-app',
    next: {
      en: 'The application calls close() → send FIN → LAST_ACK. RST from the peer → CLOSED.',
      zh: '应用调用 close() → 发送 FIN → LAST_ACK。收到对端 RST → CLOSED。',
    },
    duration: {
      en: 'Should be milliseconds: the time the application needs to see end-of-file (read() returns 0) and close. There is no timer: a socket that is never closed stays until its process exits.',
      zh: '正常应是毫秒级：即应用发现读到文件末尾（read() 返回 0）并关闭所需的时间。这里没有计时器：从不关闭的 socket 会一直留到进程退出。',
    },
    many: {
      en: 'The application leaks sockets: it never calls close() after the peer hung up — typically a missing close on an error path, a connection pool that does not evict dead connections, or threads blocked elsewhere. The commonest case is an HTTP client pool: the server closes an idle keep-alive connection after its timeout (nginx keepalive_timeout 75 s, for example), and the pooled connection sits in CLOSE_WAIT until the pool next checks it out — hundreds of them towards one upstream port. Recv-Q is at least 1 (the unread FIN counts one). No sysctl fixes it: find the process (ss -tanp) and fix the code, or make the pool evict idle connections sooner than the server does; restarting it only clears them for now.',
      zh: '应用在泄漏 socket：对端挂断后它始终没有调用 close()。常见原因是错误处理分支漏了 close、连接池不剔除已失效的连接，或线程阻塞在别处。最常见的是 HTTP 客户端连接池：服务端在空闲超时后关闭 keep-alive 连接（例如 nginx 的 keepalive_timeout 75 秒），池里的连接就停在 CLOSE_WAIT，直到连接池下次取用它——指向同一上游端口的成百上千条。Recv-Q 至少为 1（未读的 FIN 计为 1）。任何 sysctl 都解决不了：用 ss -tanp 找到进程并修复代码，或让连接池比服务端更早剔除空闲连接；重启进程只能暂时清掉。',
    },
    knobs: [],
    notes: {
      // close(2): the socket is released with its last descriptor; fork(2) copies every descriptor, and
      // FD_CLOEXEC / SOCK_CLOEXEC closes them only at execve(2); shutdown(2) acts on the socket itself.
      en: 'close() only drops one reference to the socket; the FIN goes out when the last descriptor is closed. A descriptor copied into a child by fork() (every fork copies them; close-on-exec closes them only if the child calls exec()) or duplicated with dup() keeps the connection in CLOSE_WAIT although the code that "closed" it did call close(). shutdown(SHUT_WR) sends the FIN at once, however many descriptors share the socket.',
      zh: 'close() 只是把 socket 的引用计数减一，最后一个描述符关闭时才会发出 FIN。fork() 复制到子进程里的描述符（每次 fork 都会复制；close-on-exec 只在子进程调用 exec() 时才关闭它们），或用 dup() 复制的描述符，会让连接停在 CLOSE_WAIT，尽管“关闭”它的那段代码确实调用了 close()。shutdown(SHUT_WR) 则会立即发出 FIN，不管有多少个描述符共享这个 socket。',
    },
  },

  LAST_ACK: {
    state: 'LAST_ACK',
    short: {
      en: 'Closed after the peer; waiting for the final ACK',
      zh: '被动关闭方已发 FIN，等待最后一个 ACK',
    },
    meaning: {
      en: "Last step of a passive close: the peer closed first, then our application closed and we sent our FIN. We wait for the peer's ACK of it; then the connection is gone, with no TIME_WAIT on this side.",
      zh: '被动关闭的最后一步：对端先关闭，随后本端应用也关闭并发出了 FIN。本端等待对端对该 FIN 的确认，收到后连接即告结束，本端不经过 TIME_WAIT。',
    },
    side: {
      en: 'This side closed second (passive close), coming from CLOSE_WAIT.',
      zh: '本端是后关闭的一方（被动关闭），由 CLOSE_WAIT 进入。',
    },
    role: 'either',
    family: 'closing-peer',
    next: {
      en: 'The ACK arrives → CLOSED. No ACK → the FIN is retransmitted and the socket is dropped after tcp_orphan_retries. RST → CLOSED.',
      zh: '收到 ACK → CLOSED。没有 ACK → 重传 FIN，超过 tcp_orphan_retries 次后丢弃。收到 RST → CLOSED。',
    },
    duration: { en: 'One round trip (milliseconds).', zh: '一个往返时间（毫秒级）。' },
    many: {
      en: 'Final ACKs are lost or the peers vanished (crashed, or a NAT or conntrack entry expired, or a firewall drops the traffic). Lasting LAST_ACK counts point to packet loss or middleboxes.',
      zh: '最后的 ACK 丢失，或对端已消失（崩溃、NAT 或 conntrack 表项过期、防火墙丢包）。LAST_ACK 长期居高说明存在丢包或中间设备问题。',
    },
    knobs: [KNOBS.orphanRetries],
  },
};
