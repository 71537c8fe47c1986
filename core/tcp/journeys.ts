// Pure (runs anywhere: host, webview, CLI): the canonical lives of a connection, as data.
import type { Localized, TcpState } from './types';

/** A well-known walk through the state machine, by transition id (see transitions.ts). */
export interface Journey {
  readonly id: string;
  readonly name: Localized;
  readonly description: Localized;
  /** The side that lives this journey. */
  readonly role: 'client' | 'server' | 'either';
  /** States in order, first to last. */
  readonly states: readonly TcpState[];
  /** Transition ids between consecutive states (states.length - 1 of them). */
  readonly transitionIds: readonly string[];
}

export const JOURNEYS: readonly Journey[] = [
  {
    id: 'client-active-open-active-close',
    name: { en: 'Client: active open, active close', zh: '客户端：主动打开，主动关闭' },
    description: {
      en: 'The client connects, exchanges data, closes first and so holds the TIME_WAIT.',
      zh: '客户端发起连接、传输数据后先关闭，因此由它承担 TIME_WAIT。',
    },
    role: 'client',
    states: ['CLOSED', 'SYN_SENT', 'ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2', 'TIME_WAIT', 'CLOSED'],
    transitionIds: ['t2', 't8', 't12', 't14', 't17', 't21'],
  },
  {
    id: 'server-passive-open-passive-close',
    name: { en: 'Server: passive open, passive close', zh: '服务端：被动打开，被动关闭' },
    description: {
      en: 'The server accepts a connection, the client closes first, the server answers with its own FIN and waits for the last ACK.',
      zh: '服务端接受连接，客户端先关闭，服务端回应自己的 FIN 并等待最后一个 ACK。',
    },
    role: 'server',
    states: ['CLOSED', 'LISTEN', 'SYN_RECEIVED', 'ESTABLISHED', 'CLOSE_WAIT', 'LAST_ACK', 'CLOSED'],
    transitionIds: ['t1', 't4', 't10', 't13', 't18', 't20'],
  },
  {
    id: 'simultaneous-open',
    name: { en: 'Simultaneous open', zh: '同时打开' },
    description: {
      en: "Both ends send SYN at once; each answers the other's SYN with SYN,ACK. Rare outside NAT hole punching.",
      zh: '两端同时发出 SYN，各自用 SYN+ACK 回应对方的 SYN。除 NAT 打洞外很少见。',
    },
    role: 'either',
    states: ['CLOSED', 'SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED'],
    transitionIds: ['t2', 't7', 't10'],
  },
  {
    id: 'simultaneous-close',
    name: { en: 'Simultaneous close', zh: '同时关闭' },
    description: {
      en: "Both ends send FIN before seeing the other's; both pass through CLOSING and both hold a TIME_WAIT.",
      zh: '两端在收到对方 FIN 之前都发出了 FIN；双方都经过 CLOSING，也都要经历 TIME_WAIT。',
    },
    role: 'either',
    states: ['ESTABLISHED', 'FIN_WAIT_1', 'CLOSING', 'TIME_WAIT', 'CLOSED'],
    transitionIds: ['t12', 't15', 't19', 't21'],
  },
  {
    id: 'time-wait-direct',
    name: { en: 'TIME_WAIT straight from FIN_WAIT_1', zh: '由 FIN_WAIT_1 直接进入 TIME_WAIT' },
    description: {
      en: 'The peer acknowledges our FIN and sends its own in the same segment, so FIN_WAIT_2 is skipped (common when the peer closes at once).',
      zh: '对端在同一个报文里确认了本端的 FIN 并带上自己的 FIN，于是跳过 FIN_WAIT_2（对端立即关闭时很常见）。',
    },
    role: 'either',
    states: ['ESTABLISHED', 'FIN_WAIT_1', 'TIME_WAIT', 'CLOSED'],
    transitionIds: ['t12', 't16', 't21'],
  },
];

export function journeyById(id: string): Journey | undefined {
  return JOURNEYS.find((j) => j.id === id);
}
