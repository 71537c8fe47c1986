// Pure (runs anywhere: host, webview, CLI): the reference-card text of every transition, keyed by transition id.
import { SYN_RETRY_SHORT } from './synRetries';
import { TIME_WAIT_SECONDS } from './timeWaitLengths';
import type { Localized } from './types';

/** What triggers each edge of TRANSITIONS and what it means in practice. */
export const TRANSITION_NOTES: Readonly<Record<string, Localized>> = {
  t1: {
    en: 'The server calls listen() on a bound socket (passive open). From now on SYNs to this port are answered.',
    zh: '服务端对已 bind() 的 socket 调用 listen()（被动打开），此后发往该端口的 SYN 都会得到应答。',
  },
  t2: {
    en: 'The client calls connect() (active open): the kernel picks an ephemeral port, sends a SYN and starts the SYN retransmission timer.',
    zh: '客户端调用 connect()（主动打开）：内核选一个临时端口，发出 SYN 并启动 SYN 重传计时器。',
  },
  t3: {
    en: 'The server closes its listening socket: connection requests in its SYN queue are dropped, and completed ones never accept()ed are reset.',
    zh: '服务端关闭监听 socket：半连接队列里的连接被丢弃，全连接队列里尚未被 accept() 的连接被重置。',
  },
  t4: {
    en: 'A SYN arrives on a listening port: the server answers with SYN,ACK and keeps the connection request in its SYN queue (or encodes it in a syncookie when the queue is full).',
    zh: '监听端口收到 SYN：服务端回复 SYN+ACK，把半连接放入半连接队列（队列满时改用 syncookie 编码）。',
  },
  t5: {
    en: 'RFC-only: data sent on a listening socket turns it into an active opener. The sockets API has no such call; you will not see it in practice.',
    zh: '仅 RFC 定义：在监听 socket 上发送数据会把它变成主动打开方。socket API 没有这种调用，实际中见不到。',
  },
  t6: {
    en: 'The application abandons connect() (closes the socket or hits its own timeout) before any answer arrives.',
    zh: '在收到任何应答之前，应用放弃了 connect()（关闭 socket 或触发自己的超时）。',
  },
  t7: {
    en: 'Simultaneous open: both ends sent a SYN at the same time, so each receives a bare SYN while waiting for a SYN,ACK. Seen in NAT hole punching, almost never otherwise.',
    zh: '同时打开：两端同时发出 SYN，各自在等 SYN+ACK 时收到了对方单独的 SYN。多见于 NAT 打洞，其他场景几乎不会出现。',
  },
  t8: {
    en: "The server's SYN,ACK arrives: the client sends the final ACK of the three-way handshake and connect() returns.",
    zh: '收到服务端的 SYN+ACK：客户端发出三次握手的最后一个 ACK，connect() 返回成功。',
  },
  t9: {
    en: 'The client reset the connection request (it gave up, or the SYN,ACK reached a host that never sent the SYN). The request is dropped; the listener is unaffected.',
    zh: '客户端重置了这个半连接（它已放弃，或 SYN+ACK 发到了一个并未发过 SYN 的主机）。该请求被丢弃，监听 socket 不受影响。',
  },
  t10: {
    en: "The client's ACK completes the three-way handshake: the connection moves from the SYN queue to the accept queue, ready for accept().",
    zh: '客户端的 ACK 完成了三次握手：连接从半连接队列移入全连接队列，等待 accept()。',
  },
  t11: {
    en: 'The application closes a connection whose handshake is not complete: TCP sends a FIN at once (or after data still queued). Rare on Linux, where accept() normally returns only completed connections; TCP Fast Open is the exception.',
    zh: '应用关闭了一条尚未完成握手的连接：TCP 立即发出 FIN（若仍有排队数据则在其后发出）。在 Linux 上很少见，因为 accept() 通常只返回已完成握手的连接，TCP Fast Open 是例外。',
  },
  t12: {
    en: 'This side closes first (active close): the application calls close() or shutdown(SHUT_WR) and TCP sends a FIN after any queued data. This side will end in TIME_WAIT.',
    zh: '本端先关闭（主动关闭）：应用调用 close() 或 shutdown(SHUT_WR)，TCP 在已排队的数据之后发出 FIN。本端最终会进入 TIME_WAIT。',
  },
  t13: {
    en: 'The peer closes first (passive close): its FIN arrives and is acknowledged at once by the kernel. The application sees end-of-file (read() returns 0) and must now call close().',
    zh: '对端先关闭（被动关闭）：它的 FIN 到达，内核立即回复 ACK。应用会读到文件末尾（read() 返回 0），此时必须调用 close()。',
  },
  t14: {
    en: 'The peer acknowledges our FIN; its own direction stays open (half-close) until its application closes.',
    zh: '对端确认了本端的 FIN；在对端应用关闭之前，它那一侧的方向仍然打开（半关闭）。',
  },
  t15: {
    en: "Simultaneous close: the peer's FIN arrives before the ACK of ours. Both sides acknowledge each other's FIN and both will hold a TIME_WAIT.",
    zh: '同时关闭：对端的 FIN 先于对本端 FIN 的 ACK 到达。双方互相确认 FIN，并且都会进入 TIME_WAIT。',
  },
  t16: {
    // Linux does not ACK a FIN at once when the application may answer: the delayed ACK rides on the peer's FIN.
    en: 'The peer acknowledges our FIN and sends its own in the same segment, so FIN_WAIT_2 is skipped. Common with Linux peers: they delay the ACK of a FIN, so when their application closes at once the ACK rides on their own FIN. Not drawn in RFC Figure 5, described in its Note 2.',
    zh: '对端在同一个报文里确认了本端的 FIN 并发出自己的 FIN，因此跳过 FIN_WAIT_2。对端是 Linux 时很常见：它会延迟确认 FIN，若其应用随即关闭，这个 ACK 就和它自己的 FIN 一起发出。RFC 图 5 未画出此边，见其注释 2。',
  },
  t17: {
    en: "The peer's application closes and its FIN arrives: this side sends the last ACK of the four-way close and starts the 2MSL timer.",
    zh: '对端应用关闭，其 FIN 到达：本端发出四次挥手的最后一个 ACK，并启动 2MSL 计时器。',
  },
  t18: {
    en: 'The application finally calls close() after seeing end-of-file: TCP sends its FIN. A CLOSE_WAIT that never takes this edge is an application bug.',
    zh: '应用读到文件末尾后终于调用了 close()：TCP 发出自己的 FIN。一直不走这条边的 CLOSE_WAIT 就是应用的 bug。',
  },
  t19: {
    en: 'After a simultaneous close, the ACK of our FIN arrives; this side now waits out TIME_WAIT like any active closer.',
    zh: '同时关闭之后，对本端 FIN 的 ACK 到达；本端像普通的主动关闭方一样进入 TIME_WAIT 等待。',
  },
  t20: {
    en: 'The peer acknowledges our FIN: the connection is gone on this side, with no TIME_WAIT (the peer holds it).',
    zh: '对端确认了本端的 FIN：本端连接就此结束，不经过 TIME_WAIT（TIME_WAIT 留在对端）。',
  },
  t21: {
    en: `The 2MSL timer expires (60 s on Linux, fixed; ${TIME_WAIT_SECONDS.windows} s by default on Windows, ${TIME_WAIT_SECONDS.macos} s on macOS) and the 4-tuple becomes free for reuse.`,
    zh: `2MSL 计时器到期（Linux 固定 60 秒；Windows 默认 ${TIME_WAIT_SECONDS.windows} 秒，macOS ${TIME_WAIT_SECONDS.macos} 秒），四元组可以再次使用。`,
  },
  'rst-SYN_SENT': {
    en: 'The destination answered our SYN with RST: nothing listens on that port (or a firewall rejects). connect() fails with ECONNREFUSED.',
    zh: '目的端用 RST 回应了本端的 SYN：该端口无人监听（或被防火墙拒绝）。connect() 以 ECONNREFUSED 失败。',
  },
  'rst-SYN_RECEIVED': {
    en: 'A RST during a simultaneous open ends the connection attempt (connection refused).',
    zh: '同时打开过程中收到 RST，连接尝试结束（连接被拒绝）。',
  },
  'rst-ESTABLISHED': {
    // RFC 5961 §3.2: only a RST at SEG.SEQ = RCV.NXT is accepted; an in-window one gets a challenge ACK.
    en: 'The peer aborted the connection (crash and restart, SO_LINGER 0, closing with unread data, or a middlebox that forgot the flow). The application sees ECONNRESET. Since RFC 5961 a RST counts only when its sequence number is exactly the next one expected; one elsewhere in the window gets a challenge ACK instead, so a guessed RST rarely works.',
    zh: '对端中止了连接（崩溃重启、SO_LINGER 为 0、带着未读数据关闭，或中间设备忘记了这条流）。应用会收到 ECONNRESET。按 RFC 5961，只有序列号恰好等于下一个期望值的 RST 才会生效；落在窗口内其他位置的 RST 只会换来一个挑战 ACK（challenge ACK），因此盲猜的 RST 很难得逞。',
  },
  'rst-FIN_WAIT_1': {
    en: 'The peer answered our FIN with RST, typically because it had already forgotten the connection. The close ends abruptly.',
    zh: '对端用 RST 回应了本端的 FIN，通常是因为它已经不记得这条连接。关闭过程被突然终止。',
  },
  'rst-FIN_WAIT_2': {
    en: 'The peer reset the half-closed connection instead of sending its FIN, e.g. it closed with unread data.',
    zh: '对端没有发 FIN，而是重置了这条半关闭连接，例如它带着未读数据关闭了。',
  },
  'rst-CLOSE_WAIT': {
    en: "The peer gave up waiting (or its orphaned FIN_WAIT_2 expired) and answered with RST; the application's next read or write fails.",
    zh: '对端不再等待（或其孤儿 FIN_WAIT_2 已超时），并回复了 RST；本端应用下一次读写会失败。',
  },
  'rst-CLOSING': {
    en: 'A RST ends a simultaneous close early: TCP enters CLOSED without telling the application, which has already closed (RFC 9293 §3.10.7.4).',
    zh: 'RST 提前结束了同时关闭过程：TCP 直接进入 CLOSED，不通知应用，因为应用早已关闭（RFC 9293 §3.10.7.4）。',
  },
  'rst-LAST_ACK': {
    en: 'The peer answers our FIN with RST instead of an ACK, usually because it already dropped the connection. TCP enters CLOSED without telling the application (RFC 9293 §3.10.7.4). Harmless.',
    zh: '对端用 RST 而不是 ACK 回应本端的 FIN，通常是它已丢弃这条连接。TCP 直接进入 CLOSED，不通知应用（RFC 9293 §3.10.7.4）。无害。',
  },
  'rst-TIME_WAIT': {
    en: 'A RST arriving in TIME_WAIT ends it early on Linux by default, without telling anyone: no application holds the socket any more ("TIME_WAIT assassination", RFC 1337; net.ipv4.tcp_rfc1337 = 1 ignores such RSTs).',
    zh: 'Linux 默认会因 TIME_WAIT 期间收到的 RST 而提前结束它，且不通知任何人：已没有应用持有该 socket（RFC 1337 所说的 “TIME_WAIT 暗杀”；net.ipv4.tcp_rfc1337 = 1 可忽略此类 RST）。',
  },
  'timeout-SYN_SENT': {
    en: `No SYN,ACK ever came: the SYN retries ran out (${SYN_RETRY_SHORT.en}) and connect() fails with ETIMEDOUT. Usually a firewall dropping SYNs or an unreachable host.`,
    zh: `始终没有收到 SYN+ACK：SYN 重传次数用尽（${SYN_RETRY_SHORT.zh}），connect() 以 ETIMEDOUT 失败。通常是防火墙丢弃了 SYN 或主机不可达。`,
  },
  'timeout-SYN_RECEIVED': {
    en: 'The client never sent the final ACK: after net.ipv4.tcp_synack_retries SYN,ACK retransmissions (5, about 63 s) the server drops the request. The usual end of a handshake from a spoofed or vanished client; the listener is unaffected.',
    zh: '客户端始终没有发来最后的 ACK：服务端重传 SYN+ACK 达 net.ipv4.tcp_synack_retries 次（5 次，约 63 秒）后丢弃该请求。源地址伪造或客户端消失时，握手通常这样结束；监听 socket 不受影响。',
  },
  'timeout-FIN_WAIT_2': {
    en: "An orphaned FIN_WAIT_2 socket (already closed by the application) gives up on the peer's FIN after net.ipv4.tcp_fin_timeout (60 s). Sockets the application still holds are not affected.",
    zh: '孤儿 FIN_WAIT_2 socket（应用已关闭）等待对端 FIN 超过 net.ipv4.tcp_fin_timeout（60 秒）后放弃。应用仍持有的 socket 不受影响。',
  },
};

export function transitionNote(id: string): Localized | undefined {
  return TRANSITION_NOTES[id];
}
