// Lint: typescript-eslint's recommended rules over src/, test/ and scripts/, plus the layer rules
// that keep src/core pure (no vscode, no LSP, no node: I/O) — the invariant ARCHITECTURE.md names.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'test/fixtures/**', 'media/vendor/**', 'bench/corpora/**', '.outage-radar-cache/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vscode', 'vscode-*', 'node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'worker_threads', '@aws-sdk/*'], message: 'src/core is pure: text in, data out (ARCHITECTURE.md).' },
          { group: ['../node/*', '../server/*', '../client/*', '../cli/*', '../../node/*', '../../server/*', '../../client/*', '../../cli/*'], message: 'src/core may not depend on the layers above it.' },
        ],
      }],
      'no-console': 'error',
      'no-restricted-globals': ['error', 'process'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
