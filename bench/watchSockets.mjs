// Node (benchmark helper, run by watchBench.mjs inside its network namespace): holds PAIRS loopback
// connections open (2 × PAIRS sockets plus the listener) until its stdin closes, printing `ready N` once
// every connection is established. `node bench/watchSockets.mjs PAIRS PORT`
import { createConnection, createServer } from 'node:net';

const PAIRS = Number(process.argv[2] ?? 5000);
const PORT = Number(process.argv[3] ?? 7000);
const held = [];
const server = createServer((s) => held.push(s));
server.listen(PORT, '127.0.0.1', 4096, async () => {
  // In batches: the accept queue and the SYN backlog stay small.
  for (let i = 0; i < PAIRS; i += 250) {
    const batch = [];
    for (let k = i; k < Math.min(PAIRS, i + 250); k++) {
      batch.push(
        new Promise((resolve, reject) => {
          const c = createConnection({ port: PORT, host: '127.0.0.1' }, () => resolve(c));
          c.on('error', reject);
        }),
      );
    }
    held.push(...(await Promise.all(batch)));
  }
  // Wait until the server has accepted every one.
  while (held.length < 2 * PAIRS) await new Promise((r) => setTimeout(r, 20));
  process.stdout.write(`ready ${held.length + 1}\n`);
});
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
