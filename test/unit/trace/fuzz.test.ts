// Node (unit tier): the packet parser and the reconstruction never throw, and work on a huge line stays bounded.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TracePacketParser, type PacketLine } from '../../../core/trace/packetParser';
import { reconstructTrace } from '../../../core/trace/reconstruct';

const pieces = fc.constantFrom(
  '12:00:01.123456 ',
  'IP ',
  'IP6 ',
  'lo    In  ',
  '127.0.0.1.56552',
  '::1.7101',
  ' > ',
  ': Flags [',
  'S',
  'S.',
  'F.',
  'R',
  'SEW',
  '.',
  '], ',
  'seq 1:6, ',
  'seq 4294967295, ',
  'ack 1, ',
  'win 0, ',
  'length 5',
  '    1   0.000000    127.0.0.1 → 127.0.0.1    TCP 74 ',
  '56552 → 7100 ',
  '[SYN, ACK] ',
  'Seq=0 Ack=1 Win=65495 Len=0',
  '[TCP Retransmission] ',
  ' ',
);

test('random tcpdump/tshark-like lines never throw, and whatever parses reconstructs without throwing', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.array(fc.oneof(pieces, fc.string()), { maxLength: 14 }).map((a) => a.join('')),
        { maxLength: 40 },
      ),
      (lines) => {
        const parser = new TracePacketParser();
        const packets: PacketLine[] = [];
        lines.forEach((l, i) => {
          const p = parser.parseLine(l, i + 1);
          if (p !== undefined) packets.push(p);
        });
        const r = reconstructTrace(packets);
        assert.equal(r.packets.length, packets.length);
      },
    ),
    { numRuns: 400 },
  );
});

test('a huge line is looked at only up to a bound', () => {
  const parser = new TracePacketParser();
  const huge = '12:00:01.123456 IP ' + '1.2.3.4.5 > '.repeat(200_000) + 'x: Flags [S], length 0';
  const t0 = Date.now();
  assert.equal(parser.parseLine(huge, 1), undefined);
  assert.ok(Date.now() - t0 < 500);
});

test("tcpdump's own lines and non-TCP packets are left alone", () => {
  const parser = new TracePacketParser();
  for (const l of [
    'listening on lo, link-type EN10MB (Ethernet), snapshot length 262144 bytes',
    'reading from file x.pcap, link-type EN10MB (Ethernet), snapshot length 128',
    '12 packets captured',
    '0 packets dropped by kernel',
    '12:00:01.000000 IP 127.0.0.1.5353 > 224.0.0.251.5353: 0 A (QM)? host.local. (32)',
    '12:00:01.000000 IP 127.0.0.1 > 127.0.0.1: ICMP echo request, id 1, seq 1, length 64',
    '    3   0.1    127.0.0.1 → 127.0.0.1    UDP 60 5353 → 5353 Len=18',
  ])
    assert.equal(parser.parseLine(l, 1), undefined, l);
});
