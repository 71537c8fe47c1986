// Lint config (Node): typescript-eslint on every runtime, with the architecture's one-way arrows enforced.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Pure code lives in core/ and only there: it runs in the webview and the CLI too, so it may not know VS Code,
// the DOM or Node. The folder is the whole statement of purity; test/unit/architecture.test.ts checks the same folder.
const pureFiles = ['core/**/*.ts'];

const nodeGlobals = {
  process: 'readonly',
  console: 'readonly',
  URL: 'readonly',
  setTimeout: 'readonly',
  clearTimeout: 'readonly',
  setImmediate: 'readonly',
  fetch: 'readonly',
  Buffer: 'readonly',
  __dirname: 'readonly',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'test/fixtures/**',
      'test/results/**',
      'samples/**',
      'bench/results/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test()/describe() return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: pureFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'node:*', 'fs', 'path', 'os', 'child_process'],
              message: 'Pure core: no vscode, no Node modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'process', 'require'],
    },
  },
  {
    // Node code shared by the extension host and the CLI: Node yes, but never vscode, the CLI or the host.
    files: ['node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode'], message: 'node/ is shared with the CLI: no vscode API here.' },
            {
              group: ['**/cli/**', '**/extension/**', '**/webview/**'],
              message: 'Arrows point one way: cli/extension → node → core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['vscode', 'node:*'], message: 'The webview runs in a browser.' }] },
      ],
    },
  },
);
