// Node (test tooling): `npm run test:electron` — the same integration suite in VS Code desktop, downloaded
// (or taken from VSCODE_EXECUTABLE) by @vscode/test-electron. Needs a machine that can download VS Code and
// a display (use xvfb-run on a headless Linux).
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repoRoot } from './codeServer.mjs';

try {
  const code = await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    version: process.env.VSCODE_VERSION || 'stable',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [join(repoRoot, 'test', 'fixtures'), '--disable-extensions', '--disable-workspace-trust'],
  });
  process.exit(code);
} catch (err) {
  console.error(`[electron] ${err?.message ?? err}`);
  process.exit(1);
}
