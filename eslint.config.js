// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = {
  name: 'electron',
  message: 'Only main/app and main/preload may import electron: the engine must run in plain Node.',
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'coverage/**', '.bench/**', 'bin/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: ['node:*'], message: 'shared/ runs anywhere: no Node built-ins.' },
          { group: ['**/main/**', '**/renderer/**', '../main/*', '../renderer/*'], message: 'shared/ imports only shared/.' },
        ],
      }],
    },
  },
  {
    files: ['main/core/**/*.ts', 'main/worker/**/*.ts', 'main/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [
          { group: ['**/main/app/**', '**/app/*', '**/renderer/**'], message: 'The engine must not import the Electron shell or the renderer.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'The renderer is sandboxed: it talks to the app only through the typed API.' }],
        patterns: [
          { group: ['node:*'], message: 'The renderer is sandboxed: no Node built-ins.' },
          { group: ['**/main/**'], message: 'The renderer imports only shared/ and UI libraries.' },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
