// Node (unit tier): the editor's indexing and text core stays free of vscode, so the bench, the CLI and a web build can run it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(__dirname, '..', '..', '..', 'extension', 'editor');
/** Files whose names say they are glue (controllers, services, commands, settings, pickers, wiring) may import vscode. */
const GLUE = /(Controller|Service|Commands|Settings|Picker|Features)\.ts$/;

void test('pure editor modules import neither vscode nor glue modules', () => {
  const offenders: string[] = [];
  const pure = readdirSync(dir).filter((f) => f.endsWith('.ts') && !GLUE.test(f));
  assert.ok(
    pure.includes('lineIndex.ts') && pure.includes('lineIndexBuilder.ts') && pure.includes('hoverContent.ts'),
  );
  for (const f of pure) {
    const src = readFileSync(join(dir, f), 'utf8');
    for (const m of src.matchAll(/from\s+['"]([^'"]+)['"]/g)) {
      const spec = m[1];
      const glue = spec.startsWith('./') && GLUE.test(`${spec}.ts`);
      if (spec === 'vscode' || spec.startsWith('node:') || glue || spec.includes('/views/'))
        offenders.push(`${f} imports ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});
