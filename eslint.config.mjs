// Layer rules of STYLE.md, enforced by the linter rather than by memory:
//   shared/   → imports nothing from electron/, renderer/, Node, Electron, React, Konva or better-sqlite3, and uses no DOM
//   renderer/ → may import shared/, never Node or Electron
//   electron/ → may import shared/ and Node, never the renderer or UI libraries
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'url', 'worker_threads', 'stream', 'util', 'events', 'module'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['out/**', 'out-*/**', 'dist/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      ...restrict(
        ['electron', 'electron/*', ...nodeBuiltins, 'react', 'react-dom', 'react/*', 'konva', 'konva/*', 'react-konva', 'better-sqlite3', '**/electron/**', '**/renderer/**'],
        'shared/ is the pure core: no Electron, Node, DOM, React, Konva or better-sqlite3, and no imports from electron/ or renderer/.',
      ),
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    // Tests of the core run under Node and may read fixtures; the core itself may not.
    files: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      ...restrict(['electron', 'electron/*', 'react', 'react-dom', 'konva', 'better-sqlite3', '**/electron/**', '**/renderer/**'], 'tests of shared/ exercise the core only.'),
      'no-restricted-globals': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(['electron', 'electron/*', ...nodeBuiltins, 'better-sqlite3', '**/electron/**'], 'renderer/ runs sandboxed: no Node, Electron or main-process code; talk to main through window.rackplane (shared/ipc).'),
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      ...restrict(['react', 'react-dom', 'react/*', 'konva', 'konva/*', 'react-konva', '**/renderer/**'], 'electron/ must not import the renderer or UI libraries.'),
    },
  },
  {
    files: ['test/**/*.{ts,mjs,js}', 'scripts/**/*.{ts,mjs,js}', 'bin/**/*.cjs', '*.config.{ts,mts,mjs}'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
