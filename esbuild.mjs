// Build script (Node): one esbuild context per runtime — extension host, webview, CLI, tests.
import * as esbuild from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

function listTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listTests(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** @type {esbuild.BuildOptions[]} */
const targets = [
  {
    ...common,
    // The large-capture worker is its own entry: a worker_thread loads it by path.
    entryPoints: {
      extension: 'extension/extension.ts',
      largeCaptureWorker: 'extension/largeFile/largeCaptureWorker.ts',
    },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'css' },
  },
  {
    ...common,
    entryPoints: { cli: 'cli/cli.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
];

// The integration suite runs inside VS Code's extension host (mocha loaded from node_modules).
if (!production) {
  targets.push({
    ...common,
    entryPoints: listTests('test/integration'),
    outbase: 'test/integration',
    outdir: 'out/test/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  });
}

/**
 * In watch mode each target reports its rebuilds as `[watch] build started` / `[watch] build finished` and its
 * errors as `[watch] error: file:line:col: text`, the lines .vscode/tasks.json's problem matcher reads.
 */
const watchReporter = {
  name: 'watch-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const [kind, messages] of [
        ['error', result.errors],
        ['warning', result.warnings],
      ]) {
        for (const m of messages) {
          const where = m.location
            ? `${m.location.file}:${m.location.line}:${m.location.column + 1}`
            : 'esbuild:1:1';
          console.log(`[watch] ${kind}: ${where}: ${m.text}`);
        }
      }
      console.log('[watch] build finished');
    });
  },
};

if (watch) {
  const contexts = await Promise.all(
    targets.map((t) => esbuild.context({ ...t, plugins: [...(t.plugins ?? []), watchReporter] })),
  );
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('[esbuild] watching…');
} else {
  const started = Date.now();
  await Promise.all(targets.map((t) => esbuild.build(t)));
  console.log(
    `[esbuild] built ${targets.length} targets in ${Date.now() - started} ms${production ? ' (production)' : ''}`,
  );
}
