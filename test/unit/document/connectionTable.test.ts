// Node (unit tier): the index's numeric connection table gives connectionKey()'s identity on every real capture.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { connectionKey, isListenerRecord } from '../../../core/analysis/history';
import { ConnectionTable } from '../../../core/document/connectionTable';
import { parseLog } from '../../../core/parse/logParser';
import type { ConnectionRecord, Endpoint } from '../../../core/parse/types';
import { fixtures, readFixture } from '../support/helpers';

/** The endpoint fields an IndexedConnection carries: host, port (a missing one written *) and scope. */
const plain = (e: Endpoint): Endpoint => {
  const port = e.port === '' ? '*' : e.port;
  return e.scope ? { host: e.host, port, scope: e.scope } : { host: e.host, port };
};

const captures = ['linux', 'public']
  .flatMap((dir) => readdirSync(join(fixtures, dir)).map((f) => `${dir}/${f}`))
  .filter((f) => f.endsWith('.txt') || f.endsWith('.log'));

void test('one id per connectionKey, and back to the first record’s endpoints, on every capture', () => {
  let connections = 0;
  for (const file of captures) {
    const { records } = parseLog(readFixture(file));
    const table = new ConnectionTable();
    const idOfKey = new Map<string, number>();
    const first = new Map<number, ConnectionRecord>();
    for (const r of records) {
      const id = table.intern(r.local, r.remote, isListenerRecord(r));
      const key = connectionKey(r);
      const known = idOfKey.get(key);
      if (known === undefined) {
        assert.equal(id, idOfKey.size, `${file}:${r.line}: a new connection gets the next id`);
        idOfKey.set(key, id);
        first.set(id, r);
      } else assert.equal(id, known, `${file}:${r.line}: ${key} was interned as ${known}`);
    }
    table.freeze();
    assert.equal(table.size, idOfKey.size, file);
    for (const [key, id] of idOfKey) {
      const c = table.get(id);
      const r = first.get(id) as ConnectionRecord;
      assert.equal(c.id, id);
      assert.equal(c.key, key, file);
      assert.deepEqual(c.local, plain(r.local), `${file}: local of ${key}`);
      assert.deepEqual(c.remote, plain(r.remote), `${file}: remote of ${key}`);
    }
    connections += idOfKey.size;
  }
  assert.ok(connections > 500, `only ${connections} connections in the captures`);
});

void test('a quarter of a million distinct 4-tuples grow the table and still resolve', () => {
  const table = new ConnectionTable();
  const local = (i: number): Endpoint => ({
    host: `10.0.${(i >> 16) & 255}.${(i >> 8) & 255}`,
    port: String(i & 0xffff),
  });
  const remote: Endpoint = { host: '2001:db8::1', port: '443', scope: 'eth0' };
  const n = 1 << 18;
  for (let i = 0; i < n; i++) assert.equal(table.intern(local(i), remote, false), i);
  // Seen again: the same ids, none added.
  for (let i = 0; i < n; i += 4099) assert.equal(table.intern(local(i), remote, false), i);
  assert.equal(table.size, n);
  table.freeze();
  const c = table.get(n - 1);
  assert.deepEqual(c.local, local(n - 1));
  assert.equal(c.key, `${local(n - 1).host}:${local(n - 1).port} [2001:db8::1%eth0]:443`);
});

void test('ports that are not plain numbers are kept as written', () => {
  const table = new ConnectionTable();
  const odd = ['*', 'http', '0', '080', '65536'];
  const ids = odd.map((port) => table.intern({ host: '192.0.2.1', port }, { host: '*', port: '*' }, true));
  assert.equal(new Set(ids).size, odd.length, 'each port text is its own listener');
  table.freeze();
  assert.deepEqual(
    ids.map((id) => table.get(id).local.port),
    odd,
  );
});

void test('the same identity as formatEndpoint: a missing port is *, an IPv4-mapped address is its IPv4 host', () => {
  const table = new ConnectionTable();
  const peer: Endpoint = { host: '198.51.100.7', port: '5000' };
  const a = table.intern({ host: '192.0.2.1', port: '' }, peer, true);
  assert.equal(table.intern({ host: '192.0.2.1', port: '*' }, peer, true), a);
  const b = table.intern({ host: '192.0.2.1', port: '80', v4mapped: true }, peer, false);
  assert.equal(table.intern({ host: '192.0.2.1', port: '80' }, peer, false), b);
  assert.notEqual(table.intern({ host: '192.0.2.1', port: '80', scope: 'lo' }, peer, false), b);
});
