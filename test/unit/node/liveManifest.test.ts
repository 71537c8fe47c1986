// Node (unit tier): what package.json promises about live capture — where it runs, Restricted Mode, no program paths.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Manifest {
  extensionKind?: string[];
  capabilities?: { untrustedWorkspaces?: { supported?: unknown; description?: string } };
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { scope?: string; type?: string }> };
  };
}

const root = join(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

void test('live capture runs where the workspace is, is limited in untrusted workspaces, and says why', () => {
  assert.deepEqual(pkg.extensionKind, ['workspace']);
  const untrusted = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(untrusted?.supported, 'limited');
  const key = /^%(.+)%$/.exec(untrusted?.description ?? '')?.[1] ?? '';
  assert.match(nls[key] ?? '', /Restricted Mode/);
  const ids = pkg.contributes.commands.map((c) => c.command);
  for (const id of ['tcpStates.captureNow', 'tcpStates.watchConnections', 'tcpStates.stopWatch'])
    assert.ok(ids.includes(id), id);
});

void test('no workspace setting can point the capture at a program: any setting naming a path or program is machine-scoped', () => {
  const risky = Object.entries(pkg.contributes.configuration.properties).filter(([name]) =>
    /path|executable|command|binary/i.test(name),
  );
  for (const [name, p] of risky) assert.equal(p.scope, 'machine', `${name} is machine-scoped`);
});
