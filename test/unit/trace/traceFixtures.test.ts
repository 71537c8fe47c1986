// Node (unit tier): on every real trace (test/fixtures/traces, made by test/capture/capture-traces.sh) and every
// textual form of it, each packet's clientState/serverState matches the truth written from the scenario's design.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TracePacketParser, type PacketLine } from '../../../core/trace/packetParser';
import { revisionText } from '../../../core/text/revisionText';
import { reconstructTrace } from '../../../core/trace/reconstruct';
import { fixtures, readFixture, readJson } from '../support/helpers';

interface Truth {
  scenario: string;
  client: { host: string; port: number };
  server: { host: string; port: number };
  midStart: boolean;
  /** Several connections (traces_more.py): each packet names its own. */
  connections?: { client: { host: string; port: number }; server: { host: string; port: number } }[];
  packets: {
    packet: number;
    conn?: number;
    dir: 'C' | 'S';
    flags: string;
    lost: boolean | null;
    clientState: string;
    serverState: string;
  }[];
}

const dir = join(fixtures, 'traces');
const files = readdirSync(dir);
const truths = files.filter((f) => f.endsWith('.truth.json'));

export function parseTrace(text: string): PacketLine[] {
  const parser = new TracePacketParser();
  const out: PacketLine[] = [];
  text.split('\n').forEach((l, i) => {
    const p = parser.parseLine(l, i + 1);
    if (p !== undefined) out.push(p);
  });
  return out;
}

test('there are trace fixtures: 14 scenarios × IPv4/IPv6, at least 14 forms each', () => {
  assert.equal(truths.length, 28);
  for (const t of truths) {
    const base = t.replace('.truth.json', '');
    assert.ok(files.filter((f) => f.startsWith(`${base}.`) && f.endsWith('.txt')).length >= 14, base);
  }
});

for (const t of truths) {
  const base = t.replace('.truth.json', '');
  const truth = readJson<Truth>(`traces/${t}`);
  for (const form of files.filter((f) => f.startsWith(`${base}.`) && f.endsWith('.txt'))) {
    test(`${form}: every packet's states match the truth`, () => {
      const packets = parseTrace(readFixture(`traces/${form}`));
      assert.equal(packets.length, truth.packets.length, 'packet count');
      const r = reconstructTrace(packets);
      const conns = truth.connections ?? [{ client: truth.client, server: truth.server }];
      assert.equal(r.connections.length, conns.length, 'connections');
      const named = !form.includes('.default.') && !form.includes('.n.');
      for (const [k, c] of r.connections.entries()) {
        assert.equal(c.midStart, truth.midStart);
        if (named) assert.equal(c.client.port, String(conns[k].client.port), `connection ${k}'s client`);
      }
      const got = r.packets.map(
        (p, i) =>
          `${i + 1} #${p.connection} ${p.fromClient ? 'C' : 'S'} ${p.packet.flags} ${p.clientState} ${p.serverState}`,
      );
      const want = truth.packets.map(
        (p) => `${p.packet} #${p.conn ?? 0} ${p.dir} ${p.flags} ${p.clientState} ${p.serverState}`,
      );
      // tshark's flag names are given in tcpdump's notation and order, so they compare too.
      assert.deepEqual(got, want);
      for (const [i, p] of truth.packets.entries()) {
        if (p.lost === true && p.dir !== undefined) {
          // A lost packet that changes what its receiver would have done must say it was revised.
          const rp = r.packets[i];
          if (rp.revision === undefined) continue;
          assert.equal(rp.revision.reason, revisionText(rp.revision.kind, rp.revision.byLine, 'en'));
        }
      }
    });
  }
}
