// Node (unit tier): the architecture's boundaries and the localisation bundles, checked on the source tree.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = join(__dirname, '..', '..');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...tsFiles(rel));
    else if (name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

const importRe =
  /(?:^|\n)\s*(?:import|export)[^;'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const src = readFileSync(join(root, file), 'utf8');
  return [...src.matchAll(importRe)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

test('pure core (core/) imports neither vscode nor Node modules', () => {
  const offenders: string[] = [];
  for (const dir of ['core']) {
    for (const f of tsFiles(dir)) {
      for (const spec of importsOf(f)) {
        if (
          spec === 'vscode' ||
          spec.startsWith('node:') ||
          ['fs', 'path', 'os', 'child_process'].includes(spec)
        ) {
          offenders.push(`${f} imports ${spec}`);
        }
      }
    }
  }
  assert.deepEqual(offenders, []);
});

/** The top-level folder a relative import from `file` lands in ('core', 'extension', 'cli', 'webview', …). */
function landsIn(file: string, spec: string): string {
  return relative(root, join(root, dirname(file), spec)).split(/[\\/]/)[0] ?? '';
}

test('core imports only core: the indexer and text core need neither host, CLI nor webview', () => {
  const files = tsFiles('core');
  assert.ok(files.includes(join('core', 'document', 'lineIndexBuilder.ts')));
  const offenders = files.flatMap((f) =>
    importsOf(f)
      .filter((s) => !s.startsWith('.') || landsIn(f, s) !== 'core')
      .map((s) => `${f} imports ${s}`),
  );
  assert.deepEqual(offenders, []);
});

test('nothing outside extension/ imports from it (the host is a leaf; CLI and webview share only core/ and node/)', () => {
  const offenders = ['cli', 'webview', 'core', 'node'].flatMap((dir) =>
    tsFiles(dir).flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.') && landsIn(f, s) === 'extension')
        .map((s) => `${f} imports ${s}`),
    ),
  );
  assert.deepEqual(offenders, []);
});

test('node/ (Node code shared by host and CLI) imports only node/, core/ and Node: never vscode, the CLI or the host', () => {
  const files = tsFiles('node');
  assert.ok(files.includes(join('node', 'capture', 'chooseSource.ts')));
  const offenders = files.flatMap((f) =>
    importsOf(f)
      .filter((s) => (s.startsWith('.') ? !['node', 'core'].includes(landsIn(f, s)) : !s.startsWith('node:')))
      .map((s) => `${f} imports ${s}`),
  );
  assert.deepEqual(offenders, []);
  // The arrows point one way: cli → node → core and extension → node → core; nothing below imports above.
  const upward = ['core', 'webview'].flatMap((dir) =>
    tsFiles(dir).flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.') && ['node', 'cli'].includes(landsIn(f, s)))
        .map((s) => `${f} imports ${s}`),
    ),
  );
  assert.deepEqual(upward, []);
});

test('webview code never imports vscode or Node modules', () => {
  const offenders = tsFiles('webview').flatMap((f) =>
    importsOf(f)
      .filter((s) => s === 'vscode' || s.startsWith('node:'))
      .map((s) => `${f} imports ${s}`),
  );
  assert.deepEqual(offenders, []);
});

test('every vscode.l10n.t string has a Simplified Chinese translation', () => {
  const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<
    string,
    string
  >;
  const missing: string[] = [];
  const literal = /l10n\.t\(\s*(['"`])((?:\\.|(?!\1).)*)\1/g;
  for (const f of [...tsFiles('extension'), ...tsFiles('core')]) {
    const src = readFileSync(join(root, f), 'utf8');
    for (const m of src.matchAll(literal)) {
      const key = m[2].replace(/\\(['"`\\])/g, '$1');
      if (!(key in bundle)) missing.push(`${relative(root, join(root, f))}: ${key}`);
    }
  }
  assert.deepEqual(missing, []);
  for (const [k, v] of Object.entries(bundle))
    assert.match(v, /[\u4e00-\u9fff]/, `zh-cn translation of "${k}" is Chinese`);
});

test('package.nls.zh-cn.json translates every key of package.nls.json, and package.json uses only known keys', () => {
  const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const zh = JSON.parse(readFileSync(join(root, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const pkg = readFileSync(join(root, 'package.json'), 'utf8');
  const used = [...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
  assert.ok(used.length > 5);
  for (const key of used)
    assert.ok(key in en, `package.json refers to %${key}% which package.nls.json lacks`);
});

const SOURCE_DIRS = ['core', 'node', 'extension', 'webview', 'cli'];

/** The source file a relative import names (`./x` → `x.ts` or `x/index.ts`), or undefined for a package. */
function resolveImport(file: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = join(dirname(file), spec);
  for (const candidate of [`${base}.ts`, join(base, 'index.ts'), base]) {
    try {
      if (statSync(join(root, candidate)).isFile()) return candidate;
    } catch {
      // not this candidate
    }
  }
  return undefined;
}

/** The import graph of the source: file → the source files it imports (type-only imports included). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const f of SOURCE_DIRS.flatMap(tsFiles)) {
    graph.set(
      f,
      importsOf(f)
        .map((s) => resolveImport(f, s))
        .filter((t): t is string => t !== undefined && t.endsWith('.ts')),
    );
  }
  return graph;
}

/** Every cycle of a graph, each once, as its sorted members. */
function cyclesIn(graph: Map<string, string[]>): string[][] {
  // Tarjan's strongly connected components: any component of two or more files (or a self-import) is a cycle.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

test('no import cycles anywhere in the source (types shared by two modules live in a third)', () => {
  const graph = importGraph();
  // The graph is real: most files import another source file (a resolver that found nothing would pass).
  const edges = [...graph.values()].reduce((n, targets) => n + targets.length, 0);
  assert.ok(graph.size > 50 && edges > 150, `${graph.size} files, ${edges} imports resolved`);
  assert.deepEqual(
    cyclesIn(graph).map((c) => c.join(' ↔ ')),
    [],
  );
});

test('the cycle finder finds long cycles, self-imports and nothing in a tree', () => {
  const g = (edges: Record<string, string[]>) => new Map(Object.entries(edges));
  assert.deepEqual(cyclesIn(g({ a: ['b'], b: ['c'], c: ['a', 'd'], d: [] })), [['a', 'b', 'c']]);
  assert.deepEqual(cyclesIn(g({ a: ['a'], b: [] })), [['a']]);
  assert.deepEqual(cyclesIn(g({ a: ['b', 'c'], b: ['c'], c: [] })), []);
  // The real graph with one back edge added (core/tcp/types.ts importing one of its importers) has a cycle.
  const real = importGraph();
  const importer = [...real.entries()].find(([, t]) => t.includes(join('core', 'tcp', 'types.ts')))![0];
  real.get(join('core', 'tcp', 'types.ts'))!.push(importer);
  assert.ok(cyclesIn(real).some((c) => c.includes(importer)));
});

const MAX_LINES = 400;

test(`no source file over ${MAX_LINES} lines (split along a real seam instead)`, () => {
  const long = SOURCE_DIRS.flatMap(tsFiles)
    .map((f) => [f, readFileSync(join(root, f), 'utf8').split('\n').length] as const)
    .filter(([, n]) => n > MAX_LINES)
    .map(([f, n]) => `${f}: ${n} lines`);
  assert.deepEqual(long, []);
});
