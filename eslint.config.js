import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.vite/', 'out/', 'data/', 'migrations/', '**/*.tmp.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // Only the shell folder may touch Electron: everything else runs in plain Node and Chromium.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Only src-main/electron/ may import electron.' }] },
      ],
    },
  },
  {
    // Main's services and their callers are async: a unit of work nobody awaits fails unseen.
    files: ['src-main/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    // Plain JavaScript run by Node inside a copy of an earlier commit (bench/before-store-layer.ts).
    files: ['bench/pinned/**/*.mjs'],
    languageOptions: {
      globals: { console: 'readonly', performance: 'readonly', process: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    files: ['src-main/electron/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The renderer reaches main only through the API client; from src-main it takes types alone.
    files: ['src-renderer/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer never imports electron.' }],
          patterns: [
            {
              group: ['**/src-main/**'],
              allowTypeImports: true,
              message: 'The renderer may import only types from src-main.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'hearingDesk', message: 'Use src-renderer/api/client.ts.' }],
    },
  },
);
