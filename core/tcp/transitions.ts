// Pure (runs anywhere: host, webview, CLI): the edges of the TCP state machine, as data.
import { SYN_RETRY_SHORT } from './synRetries';
import { TCP_STATES, type Localized, type TcpState } from './types';

/** One edge of the state machine. */
export interface Transition {
  /** 't1'..'t21' for the RFC 9293 table rows; 'rst-<STATE>' for RST aborts; 'timeout-<STATE>' for Linux give-ups. */
  readonly id: string;
  readonly from: TcpState;
  readonly to: TcpState;
  /** What makes the socket take this edge. */
  readonly event: Localized;
  /** What TCP does while taking it. */
  readonly action: Localized;
  /** Short RFC-style label, e.g. "rcv SYN / snd SYN,ACK". */
  readonly label: string;
  /** Which end of a connection normally takes this edge. */
  readonly side: 'client' | 'server' | 'both';
  readonly kind: 'open' | 'data' | 'close' | 'reset' | 'timeout';
  /** Row 1..21 of the reference table (RFC 9293 §3.3.2); absent for RST and timeout edges. */
  readonly rfcNumber?: number;
  /** True when RFC 9293 Figure 5 draws this edge. */
  readonly figure5: boolean;
}

const SND_NOTHING: Localized = { en: 'nothing is sent', zh: '不发送任何报文' };
const DELETE_TCB: Localized = { en: 'delete the TCB', zh: '删除 TCB（传输控制块）' };
const SND_ACK: Localized = { en: 'send ACK', zh: '发送 ACK' };
const SND_FIN: Localized = { en: 'send FIN', zh: '发送 FIN' };
const SND_SYNACK: Localized = { en: 'send SYN,ACK', zh: '发送 SYN+ACK' };
const APP_CLOSE: Localized = { en: 'the application calls close()', zh: '应用调用 close()' };
const RCV_ACK_OF_FIN: Localized = { en: 'receive the ACK of our FIN', zh: '收到对本端 FIN 的 ACK' };

function rfc(
  n: number,
  from: TcpState,
  to: TcpState,
  label: string,
  event: Localized,
  action: Localized,
  side: Transition['side'],
  kind: Transition['kind'],
  figure5 = true,
): Transition {
  return { id: `t${n}`, from, to, event, action, label, side, kind, rfcNumber: n, figure5 };
}

/**
 * The 21 transitions of RFC 9293 §3.3.2: the 20 edges Figure 5 draws, plus FIN-WAIT-1 → TIME-WAIT (t16), which
 * the figure leaves to its Note 2 and §3.10.7.4. The RFC numbers none of them: the numbering 1–21 is this
 * product's own, in the figure's reading order.
 */
export const RFC_TRANSITIONS: readonly Transition[] = [
  rfc(
    1,
    'CLOSED',
    'LISTEN',
    'passive OPEN / create TCB',
    { en: 'passive OPEN: the application calls listen()', zh: '被动打开：应用调用 listen()' },
    { en: 'create the TCB', zh: '创建 TCB' },
    'server',
    'open',
  ),
  rfc(
    2,
    'CLOSED',
    'SYN_SENT',
    'active OPEN / create TCB, snd SYN',
    { en: 'active OPEN: the application calls connect()', zh: '主动打开：应用调用 connect()' },
    { en: 'create the TCB, send SYN', zh: '创建 TCB，发送 SYN' },
    'client',
    'open',
  ),
  rfc(
    3,
    'LISTEN',
    'CLOSED',
    'CLOSE / delete TCB',
    { en: 'the application closes the listening socket', zh: '应用关闭监听 socket' },
    DELETE_TCB,
    'server',
    'close',
  ),
  rfc(
    4,
    'LISTEN',
    'SYN_RECEIVED',
    'rcv SYN / snd SYN,ACK',
    { en: 'receive SYN (first step of the three-way handshake)', zh: '收到 SYN（三次握手第一步）' },
    SND_SYNACK,
    'server',
    'open',
  ),
  rfc(
    5,
    'LISTEN',
    'SYN_SENT',
    'SEND / snd SYN',
    {
      en: 'the application sends data on a listening socket (RFC only; sockets APIs do not do this)',
      zh: '应用在监听 socket 上发送数据（仅 RFC 定义，socket API 不这样用）',
    },
    { en: 'send SYN', zh: '发送 SYN' },
    'server',
    'open',
  ),
  rfc(
    6,
    'SYN_SENT',
    'CLOSED',
    'CLOSE / delete TCB',
    { en: 'the application gives up before the handshake completes', zh: '握手完成前应用放弃连接' },
    DELETE_TCB,
    'client',
    'close',
  ),
  rfc(
    7,
    'SYN_SENT',
    'SYN_RECEIVED',
    'rcv SYN / snd SYN,ACK',
    {
      en: 'receive a bare SYN while our own SYN is outstanding (simultaneous open)',
      zh: '本端 SYN 尚未被确认时收到对端的 SYN（同时打开）',
    },
    SND_SYNACK,
    'both',
    'open',
  ),
  rfc(
    8,
    'SYN_SENT',
    'ESTABLISHED',
    'rcv SYN,ACK / snd ACK',
    { en: 'receive SYN,ACK (second step of the handshake)', zh: '收到 SYN+ACK（三次握手第二步）' },
    { en: 'send ACK (third step of the handshake)', zh: '发送 ACK（三次握手第三步）' },
    'client',
    'open',
  ),
  rfc(
    9,
    'SYN_RECEIVED',
    'LISTEN',
    'rcv RST',
    {
      en: 'receive RST, when this connection came from a passive OPEN',
      zh: '收到 RST（仅当连接来自被动打开）',
    },
    { en: 'drop the connection request; the listener carries on', zh: '丢弃该连接请求，监听继续' },
    'server',
    'reset',
  ),
  rfc(
    10,
    'SYN_RECEIVED',
    'ESTABLISHED',
    'rcv ACK of SYN / x',
    {
      en: 'receive the ACK of our SYN (third step of the handshake)',
      zh: '收到对本端 SYN 的 ACK（三次握手第三步）',
    },
    SND_NOTHING,
    'both',
    'open',
  ),
  rfc(11, 'SYN_RECEIVED', 'FIN_WAIT_1', 'CLOSE / snd FIN', APP_CLOSE, SND_FIN, 'both', 'close'),
  rfc(
    12,
    'ESTABLISHED',
    'FIN_WAIT_1',
    'CLOSE / snd FIN',
    {
      en: 'the application calls close() or shutdown(SHUT_WR) first (active close)',
      zh: '本端应用先调用 close() 或 shutdown(SHUT_WR)（主动关闭）',
    },
    SND_FIN,
    'both',
    'close',
  ),
  rfc(
    13,
    'ESTABLISHED',
    'CLOSE_WAIT',
    'rcv FIN / snd ACK',
    { en: 'receive FIN: the peer closed first (passive close)', zh: '收到 FIN：对端先关闭（被动关闭）' },
    SND_ACK,
    'both',
    'close',
  ),
  rfc(14, 'FIN_WAIT_1', 'FIN_WAIT_2', 'rcv ACK of FIN / x', RCV_ACK_OF_FIN, SND_NOTHING, 'both', 'close'),
  rfc(
    15,
    'FIN_WAIT_1',
    'CLOSING',
    'rcv FIN / snd ACK',
    {
      en: "receive the peer's FIN before the ACK of ours (simultaneous close)",
      zh: '本端 FIN 未被确认时收到对端的 FIN（同时关闭）',
    },
    SND_ACK,
    'both',
    'close',
  ),
  rfc(
    16,
    'FIN_WAIT_1',
    'TIME_WAIT',
    'rcv FIN+ACK of our FIN / snd ACK',
    {
      en: "receive the peer's FIN together with the ACK of ours",
      zh: '收到对端的 FIN，且同一报文确认了本端的 FIN',
    },
    SND_ACK,
    'both',
    'close',
    false,
  ),
  rfc(
    17,
    'FIN_WAIT_2',
    'TIME_WAIT',
    'rcv FIN / snd ACK',
    {
      en: "receive the peer's FIN (third step of the four-way close)",
      zh: '收到对端的 FIN（四次挥手第三步）',
    },
    { en: 'send the last ACK (fourth step)', zh: '发送最后一个 ACK（四次挥手第四步）' },
    'both',
    'close',
  ),
  rfc(
    18,
    'CLOSE_WAIT',
    'LAST_ACK',
    'CLOSE / snd FIN',
    { en: 'the application finally calls close()', zh: '应用终于调用 close()' },
    SND_FIN,
    'both',
    'close',
  ),
  rfc(19, 'CLOSING', 'TIME_WAIT', 'rcv ACK of FIN / x', RCV_ACK_OF_FIN, SND_NOTHING, 'both', 'close'),
  rfc(
    20,
    'LAST_ACK',
    'CLOSED',
    'rcv ACK of FIN / x',
    { en: 'receive the last ACK, for our FIN', zh: '收到对本端 FIN 的最后一个 ACK' },
    DELETE_TCB,
    'both',
    'close',
  ),
  rfc(
    21,
    'TIME_WAIT',
    'CLOSED',
    'timeout = 2 MSL / delete TCB',
    { en: 'the 2MSL timer expires (60 s on Linux)', zh: '2MSL 计时器到期（Linux 上为 60 秒）' },
    DELETE_TCB,
    'both',
    'timeout',
  ),
];

// ---------------------------------------------------------------------------
// RST aborts (RFC 9293 §3.10.7.3 for SYN-SENT, §3.10.7.4 for the rest). Not drawn
// in Figure 5 and not numbered, kept separate so a diagram can show or hide them.
// SYN_SENT is not synchronized, but the RST answering our SYN ("connection
// refused") is the abort SREs meet most. SYN_RECEIVED → CLOSED covers a
// simultaneous open; from a passive OPEN it is t9. In CLOSING, LAST-ACK and
// TIME-WAIT the RFC enters CLOSED without telling the application; in the other
// synchronized states the user is told "connection reset". RFC 5961 §3.2: a RST
// in a synchronized state is accepted only at SEG.SEQ = RCV.NXT; one elsewhere in
// the window is answered with a challenge ACK, so blind resets fail.
// ---------------------------------------------------------------------------
// Every state with a connection behind it: all but CLOSED and LISTEN.
const RST_FROM: readonly TcpState[] = TCP_STATES.filter((s) => s !== 'CLOSED' && s !== 'LISTEN');

/** What TCP does on an accepted RST, by state (RFC 9293 §3.10.7.3–4). */
function rstAction(from: TcpState): Localized {
  if (from === 'SYN_SENT' || from === 'SYN_RECEIVED')
    return {
      en: 'report "connection refused" to the application (ECONNREFUSED), delete the TCB',
      zh: '向应用报告“连接被拒绝”（ECONNREFUSED），删除 TCB',
    };
  if (from === 'CLOSING' || from === 'LAST_ACK' || from === 'TIME_WAIT')
    return {
      en: 'enter CLOSED and delete the TCB; the application is not told',
      zh: '进入 CLOSED 并删除 TCB，不通知应用',
    };
  return {
    en: 'report the reset to the application (ECONNRESET), delete the TCB',
    zh: '向应用报告连接被重置（ECONNRESET），删除 TCB',
  };
}

function rstEdge(from: TcpState): Transition {
  const event: Localized =
    from === 'SYN_SENT'
      ? {
          en: 'receive RST answering our SYN (connection refused)',
          zh: '收到回应本端 SYN 的 RST（连接被拒绝）',
        }
      : from === 'SYN_RECEIVED'
        ? { en: 'receive RST during a simultaneous open', zh: '同时打开过程中收到 RST' }
        : {
            en: 'receive RST at exactly the next expected sequence number: the peer aborted the connection',
            zh: '收到序列号恰为下一个期望值的 RST：对端中止了连接',
          };
  return {
    id: `rst-${from}`,
    from,
    to: 'CLOSED',
    event,
    action: rstAction(from),
    label: 'rcv RST / delete TCB',
    side: from === 'SYN_SENT' ? 'client' : 'both',
    kind: 'reset',
    figure5: false,
  };
}

/** RST aborts to CLOSED, one per state that can receive one (not part of the 21 numbered rows). */
export const RST_TRANSITIONS: readonly Transition[] = RST_FROM.map(rstEdge);

/** Linux give-ups that end a state without any segment from the peer. */
export const TIMEOUT_TRANSITIONS: readonly Transition[] = [
  {
    id: 'timeout-SYN_SENT',
    from: 'SYN_SENT',
    to: 'CLOSED',
    event: {
      en: `no SYN,ACK before the SYN retries run out (${SYN_RETRY_SHORT.en})`,
      zh: `SYN 重传次数用尽仍无 SYN+ACK（${SYN_RETRY_SHORT.zh}）`,
    },
    action: {
      en: 'connect() fails with ETIMEDOUT, delete the TCB',
      zh: 'connect() 以 ETIMEDOUT 失败，删除 TCB',
    },
    label: 'SYN retries exhausted / delete TCB',
    side: 'client',
    kind: 'timeout',
    figure5: false,
  },
  {
    // ip-sysctl.rst tcp_synack_retries (5, about 63 s); the request socket is freed by reqsk_timer_handler().
    id: 'timeout-SYN_RECEIVED',
    from: 'SYN_RECEIVED',
    to: 'CLOSED',
    event: {
      en: 'no final ACK after net.ipv4.tcp_synack_retries SYN,ACK retransmissions (5 ≈ 63 s)',
      zh: '重传 SYN+ACK 达 net.ipv4.tcp_synack_retries 次仍无最后的 ACK（5 次约 63 秒）',
    },
    action: { en: 'drop the connection request; the listener carries on', zh: '丢弃该连接请求，监听继续' },
    label: 'SYN,ACK retries exhausted / drop',
    side: 'server',
    kind: 'timeout',
    figure5: false,
  },
  {
    id: 'timeout-FIN_WAIT_2',
    from: 'FIN_WAIT_2',
    to: 'CLOSED',
    event: {
      en: 'an orphaned FIN_WAIT_2 socket waits net.ipv4.tcp_fin_timeout (60 s) without a FIN',
      zh: '孤儿 FIN_WAIT_2 socket 等待 net.ipv4.tcp_fin_timeout（60 秒）仍未收到 FIN',
    },
    action: DELETE_TCB,
    label: 'tcp_fin_timeout (orphan) / delete TCB',
    side: 'both',
    kind: 'timeout',
    figure5: false,
  },
];

/** Every edge: the 21 RFC rows first, then RST aborts, then Linux timeouts. */
export const TRANSITIONS: readonly Transition[] = [
  ...RFC_TRANSITIONS,
  ...RST_TRANSITIONS,
  ...TIMEOUT_TRANSITIONS,
];

export function transitionsFrom(state: TcpState): readonly Transition[] {
  return TRANSITIONS.filter((t) => t.from === state);
}

export function transitionsTo(state: TcpState): readonly Transition[] {
  return TRANSITIONS.filter((t) => t.to === state);
}

/** The preferred edge between two states: an RFC row before a RST or timeout edge. */
export function findTransition(from: TcpState, to: TcpState): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function transitionById(id: string): Transition | undefined {
  return TRANSITIONS.find((t) => t.id === id);
}
