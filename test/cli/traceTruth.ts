// Node (cli tier): what the truth files of test/fixtures/traces (written from each scenario's design by
// test/capture/capture-traces.sh) say each end of each connection went through, for the CLI's trace tests.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const root = join(__dirname, '..', '..');
export const traces = join(root, 'test', 'fixtures', 'traces');
const cli = join(root, 'dist', 'cli.js');

export interface Truth {
  scenario: string;
  midStart: boolean;
  listener: boolean;
  client: { host: string; port: number };
  server: { host: string; port: number };
  connections?: { client: { host: string; port: number }; server: { host: string; port: number } }[];
  packets: {
    packet: number;
    conn?: number;
    dir: 'C' | 'S';
    lost: boolean | null;
    clientState: string;
    serverState: string;
  }[];
}

export interface EndHistory {
  side: 'client' | 'server';
  connection: number;
  states: string[];
  lines: number[];
}

export const truthNames: string[] = readdirSync(traces)
  .filter((f) => f.endsWith('.truth.json'))
  .map((f) => f.replace('.truth.json', ''))
  .sort();

/** The textual forms of a scenario's trace (`n`, `tshark`, `vv`…), sorted. */
export function formsOf(base: string): string[] {
  return readdirSync(traces)
    .filter((f) => f.startsWith(`${base}.`) && f.endsWith('.txt'))
    .map((f) => f.slice(base.length + 1, -'.txt'.length))
    .sort();
}

export function readTruth(base: string): Truth {
  return JSON.parse(readFileSync(join(traces, `${base}.truth.json`), 'utf8')) as Truth;
}

/**
 * The 1-based lines of the packets, found without the tool's parser: tcpdump's TCP part (`… Flags [`), or a tshark
 * summary line (`  N  T  A → B  TCP …`).
 */
export function packetLines(text: string): number[] {
  const out: number[] = [];
  text.split(/\r?\n/).forEach((l, i) => {
    if (/ Flags \[/.test(l) || /^\s*\d+\s+-?\d+\.\d+\s.*\sTCP\s+\d+\s/.test(l)) out.push(i + 1);
  });
  return out;
}

/** The state an end was in before its connection's first packet, as the scenario was set up. */
export function firstState(truth: Truth, side: 'client' | 'server'): string {
  if (truth.midStart) return 'ESTABLISHED';
  return side === 'client' || !truth.listener ? 'CLOSED' : 'LISTEN';
}

/** Client then server of each connection: the distinct successive states and the packet line entering each. */
export function truthHistories(truth: Truth, lines: readonly number[]): EndHistory[] {
  const conns = new Map<number, Truth['packets']>();
  truth.packets.forEach((p) => conns.set(p.conn ?? 0, [...(conns.get(p.conn ?? 0) ?? []), p]));
  const out: EndHistory[] = [];
  for (const [k, ps] of [...conns].sort((a, b) => a[0] - b[0])) {
    for (const side of ['client', 'server'] as const) {
      const h: EndHistory = {
        side,
        connection: k,
        states: [firstState(truth, side)],
        lines: [lines[ps[0].packet - 1]],
      };
      for (const p of ps) {
        const s = side === 'client' ? p.clientState : p.serverState;
        if (s !== h.states[h.states.length - 1]) {
          h.states.push(s);
          h.lines.push(lines[p.packet - 1]);
        }
      }
      out.push(h);
    }
  }
  return out;
}

export interface Run {
  code: number | null;
  out: string;
  err: string;
}

/** The built CLI (`npm run build` makes dist/cli.js), run as a process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}, input = ''): Run {
  const r = spawnSync(process.execPath, [cli, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C', LC_ALL: '', LC_MESSAGES: '', NO_COLOR: '1', ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
