// Node (unit tier): shared fixture loading for the log parser tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatEndpoint } from '../../../core/parse/address';
import type { ConnectionRecord } from '../../../core/parse/types';

export const fixtures = join(__dirname, '..', '..', 'fixtures');

export function readFixture(rel: string): string {
  return readFileSync(join(fixtures, rel), 'utf8');
}

export function readJson<T>(rel: string): T {
  return JSON.parse(readFixture(rel)) as T;
}

/** `STATE local remote` — the identity tests compare against ground truth. */
export function key(state: string, local: string, remote: string): string {
  return `${state} ${local} ${remote}`;
}

export function recordKey(r: ConnectionRecord): string {
  return key(r.state, formatEndpoint(r.local), formatEndpoint(r.remote));
}

export function sorted(xs: string[]): string[] {
  return [...xs].sort();
}

/** Every record's rawState must be exactly the text at [stateStart, stateEnd) of its line. */
export function stateRangesHold(text: string, records: readonly ConnectionRecord[]): string[] {
  const lines = text.split('\n');
  const bad: string[] = [];
  for (const r of records) {
    const line = (lines[r.line - 1] ?? '').replace(/\r$/, '');
    if (!(
      r.stateStart < r.stateEnd &&
      r.stateEnd <= line.length &&
      line.slice(r.stateStart, r.stateEnd) === r.rawState
    )) {
      bad.push(
        `line ${r.line}: [${r.stateStart},${r.stateEnd}) of ${JSON.stringify(line)} is not ${JSON.stringify(r.rawState)}`,
      );
    }
  }
  return bad;
}
