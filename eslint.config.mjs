// Lint config (Node): typescript-eslint on every runtime, with the architecture's one-way arrows enforced.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const pureFolders = ['extension/tcp/**/*.ts', 'extension/logs/**/*.ts', 'extension/protocol/**/*.ts', 'extension/views/webviewHtml.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'samples/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.mjs', 'scripts/*.mjs', 'test/vscode/*.mjs', 'bench/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/explicit-module-boundary-types': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // Pure core: runs in the webview and the CLI too, so it may not know VS Code, the DOM or Node.
    files: pureFolders,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['vscode', 'node:*', 'fs', 'path', 'os', 'child_process'], message: 'Pure core: no vscode, no Node modules.' }] },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'process', 'require'],
    },
  },
  {
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['vscode', 'node:*'], message: 'The webview runs in a browser.' }] }],
    },
  },
  {
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', fetch: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
