// Pure (extension host, bench, unit tests): the connections of one document, interned as four numbers each.
import type { Endpoint } from '../parse/types';
import { endpointsKey } from '../analysis/history';
import { ownString } from '../text/ownString';
import type { IndexedConnection } from './lineIndex';

/**
 * A million-line time series holds about as many distinct connections as lines (ephemeral ports change every
 * snapshot), so a connection costs 16 bytes here instead of an object, a key string and two endpoints: each
 * is (local host, local port, remote host, remote port) as table ids, hosts and non-numeric ports interned
 * once. The IndexedConnection object is built when a line is asked for (hover, decorations, the diagram).
 *
 * Identity is connectionKey()'s (core/analysis/history.ts): a listener is its local endpoint alone, anything
 * else its local and remote endpoints.
 */
export class ConnectionTable {
  /** Host and scope of each host id (the port is not part of it; nothing reads v4mapped past the parser). */
  private readonly hosts: Endpoint[] = [];
  private readonly hostIds = new Map<string, number>();
  /** Ports that are not plain decimal numbers ('*', service names), as ids ≥ 65536. */
  private readonly portTexts: string[] = [];
  private readonly portIds = new Map<string, number>();
  private data: Int32Array;
  private count = 0;
  /** Open addressing: 0 = empty, else 1 + connection id. Dropped by freeze(). */
  private slots: Int32Array | undefined;

  /**
   * `expected`: how many connections there may be — a document's line count, as no line holds two. Sized for it
   * up front, the table never grows while a sliced build runs: growing a million entries takes one long pause.
   * Pages never written are never touched (typed arrays start zeroed), so a generous size costs little.
   */
  constructor(expected = 1024) {
    const n = Math.max(16, Math.ceil(expected));
    this.data = new Int32Array(4 * n);
    this.slots = new Int32Array(2 ** Math.ceil(Math.log2(2 * n + 1)));
  }

  get size(): number {
    return this.count;
  }

  /** The connection's id, interning it on first sight. A listener keeps the remote of its first line. */
  intern(local: Endpoint, remote: Endpoint, listener: boolean): number {
    const lh = this.hostId(local);
    const lp = this.portId(local.port);
    // Stored as -2 - id for a listener, whose identity leaves the remote out.
    const rh = listener ? -2 - this.hostId(remote) : this.hostId(remote);
    const rp = this.portId(remote.port);
    const slots = this.slots;
    if (slots === undefined) throw new Error('ConnectionTable is frozen');
    const mask = slots.length - 1;
    let h = (listener ? hash4(lh, lp, -1, -1) : hash4(lh, lp, rh, rp)) & mask;
    const d = this.data;
    for (;;) {
      const s = slots[h];
      if (s === 0) break;
      const o = (s - 1) * 4;
      if (d[o] === lh && d[o + 1] === lp && (listener ? d[o + 2] < 0 : d[o + 2] === rh && d[o + 3] === rp))
        return s - 1;
      h = (h + 1) & mask;
    }
    const id = this.count++;
    if (id * 4 + 4 > d.length) {
      const grown = new Int32Array(d.length * 2);
      grown.set(d);
      this.data = grown;
    }
    const o = id * 4;
    this.data[o] = lh;
    this.data[o + 1] = lp;
    this.data[o + 2] = rh;
    this.data[o + 3] = rp;
    slots[h] = id + 1;
    if (this.count * 2 > slots.length) this.rehash(slots.length * 2);
    return id;
  }

  /** Drops what only interning needs; lookups by id keep working. */
  freeze(): void {
    this.slots = undefined;
    this.hostIds.clear();
    this.portIds.clear();
    // A document with far fewer connections than lines gives back the room it was sized for.
    if (this.data.length > this.count * 8) this.data = this.data.slice(0, this.count * 4);
  }

  get(id: number): IndexedConnection {
    const o = id * 4;
    const d = this.data;
    const local = this.endpoint(d[o], d[o + 1]);
    const listener = d[o + 2] < 0;
    const remote = this.endpoint(listener ? -2 - d[o + 2] : d[o + 2], d[o + 3]);
    return { id, key: endpointsKey(local, remote, listener), local, remote };
  }

  private endpoint(hostId: number, portId: number): Endpoint {
    const h = this.hosts[hostId];
    const port = portId < 65536 ? String(portId) : this.portTexts[portId - 65536];
    return h.scope === undefined ? { host: h.host, port } : { host: h.host, port, scope: h.scope };
  }

  /** formatEndpoint()'s identity: host and scope (an IPv4-mapped address is already its IPv4 host). */
  private hostId(ep: Endpoint): number {
    const key = ep.scope ? `${ep.host}%${ep.scope}` : ep.host;
    let id = this.hostIds.get(key);
    if (id === undefined) {
      id = this.hosts.length;
      this.hosts.push(
        ep.scope
          ? { host: ownString(ep.host), port: '', scope: ownString(ep.scope) }
          : { host: ownString(ep.host), port: '' },
      );
      this.hostIds.set(key, id);
    }
    return id;
  }

  /** A plain decimal port (no sign, no leading zero, ≤ 65535) is its own id; anything else is interned. */
  private portId(written: string): number {
    // formatEndpoint() writes a missing port as '*'.
    const port = written === '' ? '*' : written;
    const n = port.length;
    if (n > 0 && n <= 5 && (n === 1 || port.charCodeAt(0) !== 48)) {
      let v = 0;
      let i = 0;
      for (; i < n; i++) {
        const c = port.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        v = v * 10 + c;
      }
      if (i === n && v <= 65535) return v;
    }
    let id = this.portIds.get(port);
    if (id === undefined) {
      id = 65536 + this.portTexts.length;
      this.portTexts.push(ownString(port));
      this.portIds.set(port, id);
    }
    return id;
  }

  private rehash(capacity: number): void {
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    const d = this.data;
    for (let id = 0; id < this.count; id++) {
      const o = id * 4;
      let h =
        (d[o + 2] < 0 ? hash4(d[o], d[o + 1], -1, -1) : hash4(d[o], d[o + 1], d[o + 2], d[o + 3])) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = id + 1;
    }
    this.slots = slots;
  }
}

function hash4(a: number, b: number, c: number, d: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ d, 0x165667b1);
  return (h ^ (h >>> 16)) >>> 0;
}
