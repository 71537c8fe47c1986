// Node (release tooling): `npm run package` — production build, then a .vsix with only what runs.
// Prints the files inside (`vsce ls`) and the package size.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = process.argv[2] ?? join(root, `${pkg.name}-${pkg.version}.vsix`);
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');

function step(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

step(process.execPath, [join(root, 'esbuild.mjs'), '--production']);
console.log('\n[package] files in the vsix:');
step(process.execPath, [vsce, 'ls', '--no-dependencies']);
step(process.execPath, [vsce, 'package', '--no-dependencies', '--skip-license', '-o', out]);
const kib = statSync(out).size / 1024;
console.log(`[package] ${out}: ${kib.toFixed(1)} KiB`);
