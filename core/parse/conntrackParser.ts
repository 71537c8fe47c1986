// Pure (runs anywhere): one tcp entry of `conntrack -L [-p tcp] [-o extended]` or /proc/net/nf_conntrack.
import type { RecordDraft } from './recordDraft';
import { makeEndpoint } from './address';
import { normalizeStateName } from './stateNames';
import { decimalAt, type Tokens } from './tokens';

/*
 * conntrack tracks a flow, not a socket: local/remote are the ORIGINAL direction's src/dst (the
 * side that sent the first packet → the side it was sent to). Its states are a middlebox's view and
 * map as stateNames.ts documents (FIN_WAIT → FIN_WAIT_1, CLOSE → CLOSED, SYN_SENT2 → SYN_SENT,
 * SYN_RECV → SYN_RECEIVED). NONE (not yet classified) yields no record.
 */
export function parseConntrackLine(text: string, tok: Tokens, line: number): RecordDraft | undefined {
  let i = 0;
  // `-o extended` and /proc/net/nf_conntrack prefix `ipv4 2 ` / `ipv6 10 `.
  if ((tok.is(0, 'ipv4') || tok.is(0, 'ipv6')) && decimalAt(text, tok.starts[1], tok.ends[1]) >= 0) i = 2;
  if (!tok.is(i, 'tcp') || !tok.is(i + 1, '6') || tok.count < i + 8) return undefined;
  const ttl = decimalAt(text, tok.starts[i + 2], tok.ends[i + 2]);
  if (ttl < 0) return undefined;
  const rawState = tok.get(i + 3);
  if (rawState === 'NONE') return undefined;
  const state = normalizeStateName(rawState);
  if (state === undefined) return undefined;
  let src = '';
  let dst = '';
  let sport = '';
  let dport = '';
  let unreplied = false;
  let assured = false;
  let seenSrc = 0;
  for (let k = i + 4; k < tok.count; k++) {
    const t = tok.get(k);
    if (t.startsWith('src=')) seenSrc++;
    if (seenSrc === 1) {
      if (t.startsWith('src=')) src = t.slice(4);
      else if (t.startsWith('dst=')) dst = t.slice(4);
      else if (t.startsWith('sport=')) sport = t.slice(6);
      else if (t.startsWith('dport=')) dport = t.slice(6);
    }
    if (t === '[UNREPLIED]') unreplied = true;
    else if (t === '[ASSURED]') assured = true;
  }
  if (!src || !dst || !sport || !dport) return undefined;
  const local = makeEndpoint(src, sport);
  const remote = makeEndpoint(dst, dport);
  if (local === undefined || remote === undefined) return undefined;
  const extras: { ttl: number; unreplied?: boolean; assured?: boolean } = { ttl };
  if (unreplied) extras.unreplied = true;
  if (assured) extras.assured = true;
  return {
    line,
    format: 'conntrack',
    state,
    rawState,
    stateStart: tok.starts[i + 3],
    stateEnd: tok.ends[i + 3],
    local,
    remote,
    proto: 'tcp',
    processes: [],
    conntrack: extras,
  };
}
