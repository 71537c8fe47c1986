// Node (unit tier): state spellings, address normalisation and timer values.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  formatEndpoint,
  normalizeHost,
  parseColonEndpoint,
  parseDotEndpoint,
} from '../../../core/parse/address';
import { normalizeStateName } from '../../../core/parse/stateNames';
import { parseNetstatTimer, parseSsDuration, parseSsTimer } from '../../../core/parse/timers';

test('normalizeStateName: every spelling from the reference, any case and separator', () => {
  const cases: Record<string, string[]> = {
    ESTABLISHED: [
      'ESTAB',
      'ESTABLISHED',
      'established',
      '01',
      'VERBUNDEN',
      'SPOJENO',
      'ESTABELECIDA',
      'ETABLERAD',
      'HERGESTELLT',
    ],
    SYN_SENT: ['SYN-SENT', 'SYN_SENT', '02', 'SYN_SENT2', 'SYN_GESENDET', 'SYN_ENVIADO', 'syn sent'],
    SYN_RECEIVED: [
      'SYN-RECV',
      'SYN_RECV',
      'SYN_RCVD',
      'SYN_RECEIVED',
      'SYN-RECEIVED',
      '03',
      'NEW_SYN_RECV',
      '0C',
      '0c',
      'SYN_RECEBIDO',
    ],
    FIN_WAIT_1: ['FIN-WAIT-1', 'FIN_WAIT1', 'FIN_WAIT_1', 'fin-wait-1', '04', 'FIN_WAIT', 'ESPERA_FIN1'],
    FIN_WAIT_2: ['FIN-WAIT-2', 'FIN_WAIT2', 'FIN_WAIT_2', '05', 'FIN_WARTEN_2', 'ESPERA_FIN2'],
    TIME_WAIT: ['TIME-WAIT', 'TIME_WAIT', 'time wait', '06', 'WARTEND'],
    CLOSED: ['UNCONN', 'CLOSE', 'CLOSED', '07', '0D', 'BOUND_INACTIVE', 'ZAVŘEN', 'FECHAR', 'STÄNGD'],
    CLOSE_WAIT: ['CLOSE-WAIT', 'CLOSE_WAIT', '08', 'SCHLIESSEN_WARTEN', 'ESPERANDO_FECHAR', 'STÄNG_VÄNTA'],
    LAST_ACK: ['LAST-ACK', 'LAST_ACK', '09', 'ÚLTIMO_ACK', 'POSLEDNÍ ACK'],
    LISTEN: [
      'LISTEN',
      'LISTENING',
      '0A',
      '0a',
      'NASLOUCHÁ',
      'OUÇA',
      'LYSSNAR',
      'ABHÖREN',
      'ABH™REN',
      'abhören',
    ],
    CLOSING: ['CLOSING', '0B', 'ZAVÍRÁ', 'FECHANDO', 'STÄNGER'],
  };
  for (const [state, spellings] of Object.entries(cases))
    for (const s of spellings) assert.equal(normalizeStateName(s), state, s);
  for (const s of [
    '',
    'NONE',
    '00',
    '0E',
    'FF',
    'UNKNOWN',
    'ESTABLISHEDkeepalive',
    'x'.repeat(1000),
    'tcp',
    '6',
  ])
    assert.equal(normalizeStateName(s), undefined, s);
});

test('normalizeHost: wildcards, RFC 5952 compression, v4-mapped, scopes, brackets', () => {
  assert.deepEqual(normalizeHost('0.0.0.0'), { host: '*' });
  assert.deepEqual(normalizeHost('[::]'), { host: '*' });
  assert.deepEqual(normalizeHost('*'), { host: '*' });
  assert.deepEqual(normalizeHost('2001:0DB8:0000:0000:0000:0000:0000:0001'), { host: '2001:db8::1' });
  assert.deepEqual(normalizeHost('2001:db8:0:0:1:0:0:1'), { host: '2001:db8::1:0:0:1' });
  assert.deepEqual(normalizeHost('2001:db8:0:1:1:1:1:1'), { host: '2001:db8:0:1:1:1:1:1' });
  assert.deepEqual(normalizeHost('[::ffff:10.0.0.1]'), { host: '10.0.0.1', v4mapped: true });
  assert.deepEqual(normalizeHost('::FFFF:a00:1'), { host: '10.0.0.1', v4mapped: true });
  assert.deepEqual(normalizeHost('fe80::1%eth0'), { host: 'fe80::1', scope: 'eth0' });
  assert.deepEqual(normalizeHost('0.0.0.0%lo'), { host: '*', scope: 'lo' });
  assert.deepEqual(
    normalizeHost('::ffff:192.168.49'),
    { host: '::ffff:192.168.49' },
    'truncated text is kept',
  );
});

test('endpoints: colon and dot forms, and formatEndpoint', () => {
  const f = (t: string): string => {
    const ep = parseColonEndpoint(t);
    return ep ? formatEndpoint(ep) : 'undefined';
  };
  assert.equal(f('[::1]:443'), '[::1]:443');
  assert.equal(f('[fe80::1%eth0]:22'), '[fe80::1%eth0]:22');
  assert.equal(f('[::ffff:10.0.0.1]:80'), '10.0.0.1:80');
  assert.equal(f('0.0.0.0%lo:53'), '*%lo:53');
  assert.equal(f('*:*'), '*:*');
  assert.equal(f(':::22'), '*:22');
  assert.equal(f('::1:6006'), '[::1]:6006');
  assert.equal(f('0.0.0.0:0'), '*:*');
  assert.equal(f('nohost'), 'undefined');
  const d = (t: string): string => {
    const ep = parseDotEndpoint(t);
    return ep ? formatEndpoint(ep) : 'undefined';
  };
  assert.equal(d('192.168.71.163.22'), '192.168.71.163:22');
  assert.equal(d('*.*'), '*:*');
  assert.equal(d('*.8080'), '*:8080');
  assert.equal(d('fe80::1%lo0.5353'), '[fe80::1%lo0]:5353');
  assert.deepEqual(parseColonEndpoint('[::ffff:10.0.0.1]:80'), {
    host: '10.0.0.1',
    port: '80',
    v4mapped: true,
  });
});

test('ss timer values: old `S.MMMms` = seconds, integer ms, sec, min, empty', () => {
  assert.equal(parseSsDuration('9.373ms'), 9.373);
  assert.equal(parseSsDuration('476ms'), 0.476);
  assert.equal(parseSsDuration('050ms'), 0.05);
  assert.equal(parseSsDuration('59sec'), 59);
  assert.equal(parseSsDuration('9.5sec'), 9.5);
  assert.equal(parseSsDuration('1min28sec'), 88);
  assert.equal(parseSsDuration('89min'), 5340);
  assert.equal(parseSsDuration(''), 0);
  assert.equal(parseSsDuration('soon'), undefined);
  assert.deepEqual(parseSsTimer('timer:(keepalive,119min,0)', 7, 25), {
    kind: 'keepalive',
    seconds: 7140,
    retrans: 0,
    raw: 'timer:(keepalive,119min,0)',
  });
  assert.deepEqual(parseSsTimer('timer:(on,,2)', 7, 12), {
    kind: 'on',
    seconds: 0,
    retrans: 2,
    raw: 'timer:(on,,2)',
  });
  assert.deepEqual(parseNetstatTimer('timewait', '(59.63/0/0)'), {
    kind: 'timewait',
    seconds: 59.63,
    retrans: 0,
    probes: 0,
    raw: 'timewait (59.63/0/0)',
  });
  assert.deepEqual(parseNetstatTimer('keepalive', '(7185.23/0/0)')?.seconds, 7185.23);
  assert.equal(parseNetstatTimer('off', 'junk'), undefined);
});

void test('netstatCut: whole addresses pass, cut ones are named, a column filled exactly is a maybe', async () => {
  const { netstatCut } = await import('../../../core/parse/netstatCut');
  const row = (l: string, r: string): string =>
    `tcp6       0      0 ${l.padEnd(23)} ${r.padEnd(23)} ESTABLISHED`;
  assert.deepEqual(netstatCut(row('2001:db8:aaaa:bbbb:c:22', ':::*')), { local: 'cut' });
  assert.deepEqual(netstatCut(row('2001:db8::5:44192', '2001:db8:aaaa:bbb:60048')), { remote: 'cut' });
  assert.deepEqual(netstatCut(row('fe80::fc:ff:fe00::22', '::1:5')), {});
  assert.deepEqual(netstatCut(row('fe80::aaaa:bbbb:cc:5555', ':::*')), { local: 'maybe' });
  // The example: a host left ending in one colon.
  assert.deepEqual(netstatCut(row('fe80::fc:ff:fe00::12345', ':::*')), { local: 'cut' });
  assert.deepEqual(
    netstatCut('tcp        0      0 255.255.255.255:65535   10.0.0.1:1              ESTABLISHED'),
    {},
  );
});
