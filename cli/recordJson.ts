// Node (CLI): one ConnectionRecord as a JSON Lines object, built by hand (JSON.stringify only where escaping may be needed).
import { formatEndpoint } from '../core/parse/address';
import type { ConnectionRecord, ProcessRef, TimerInfo } from '../core/parse/types';

// eslint-disable-next-line no-control-regex -- JSON requires escaping U+0000–U+001F
const NEEDS_ESCAPE = /["\\\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

/** A JSON string literal; the common plain-ASCII case skips JSON.stringify. */
export function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}

function processJson(p: ProcessRef): string {
  let s = `{"name":${jsonString(p.name)}`;
  if (p.pid !== undefined) s += `,"pid":${p.pid}`;
  if (p.fd !== undefined) s += `,"fd":${p.fd}`;
  return s + '}';
}

function timerJson(t: TimerInfo): string {
  let s = `{"kind":${jsonString(t.kind)}`;
  if (t.seconds !== undefined) s += `,"seconds":${t.seconds}`;
  if (t.retrans !== undefined) s += `,"retrans":${t.retrans}`;
  if (t.probes !== undefined) s += `,"probes":${t.probes}`;
  return s + '}';
}

/**
 * `{"line":N,"format":…,"state":…,"rawState":…,"local":…,"remote":…}` plus the optional fields the line
 * had. Key order is fixed so the output diffs well; `file` comes first when several inputs are read.
 */
export function recordJson(r: ConnectionRecord, file?: string): string {
  let s = file === undefined ? '{' : `{"file":${jsonString(file)},`;
  s += `"line":${r.line},"format":"${r.format}","state":"${r.state}","rawState":${jsonString(r.rawState)}`;
  s += `,"local":${jsonString(formatEndpoint(r.local))},"remote":${jsonString(formatEndpoint(r.remote))}`;
  if (r.proto !== undefined) s += `,"proto":${jsonString(r.proto)}`;
  if (r.recvQ !== undefined) s += `,"recvQ":${r.recvQ}`;
  if (r.sendQ !== undefined) s += `,"sendQ":${r.sendQ}`;
  if (r.processes.length > 0) s += `,"processes":[${r.processes.map(processJson).join(',')}]`;
  if (r.user !== undefined) s += `,"user":${jsonString(r.user)}`;
  if (r.uid !== undefined) s += `,"uid":${r.uid}`;
  if (r.inode !== undefined) s += `,"inode":${r.inode}`;
  if (r.timer !== undefined) s += `,"timer":${timerJson(r.timer)}`;
  if (r.snapshot !== undefined) s += `,"snapshot":${r.snapshot}`;
  if (r.time !== undefined) s += `,"time":${jsonString(r.time)}`;
  if (r.from !== undefined) s += `,"from":"${r.from}"`;
  if (r.conntrack !== undefined) s += `,"conntrack":${JSON.stringify(r.conntrack)}`;
  return s + '}';
}
