// @ts-check
import tseslint from 'typescript-eslint';

/** DESIGN.md §1: the dependency direction between the four source trees, enforced as lint errors. */
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'stream', 'url'];
const layering = [
  {
    files: ['src-shared/**/*.ts', 'src-shared/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/src-main/**', '**/src-renderer/**', '**/src-server/**'], message: 'src-shared imports nothing from the other source trees (DESIGN.md §1).' },
          { group: nodeBuiltins, message: 'src-shared is pure TypeScript: no Node built-ins (DESIGN.md §1).' },
          { group: ['electron', 'react', 'react-dom'], message: 'src-shared must not depend on electron or the DOM (DESIGN.md §1).' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer'],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/src-main/**', '**/src-server/**'], message: 'The renderer talks to the backend only through the typed API client (DESIGN.md §1).' },
          { group: [...nodeBuiltins, 'electron'], message: 'The renderer runs sandboxed: no Node built-ins, no electron (DESIGN.md §1).' },
        ],
      }],
      // Contract text is shown as React text nodes only (search snippets, metadata), never parsed as HTML.
      'no-restricted-syntax': ['error', {
        selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
        message: 'No raw HTML in the renderer: build the elements (e.g. <mark> for highlights) from text.',
      }, {
        selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]",
        message: 'No raw HTML in the renderer: build the elements from text.',
      }],
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Only src-main/electron may import electron; core and the other doors stay Electron-free (DESIGN.md §1).' },
          { group: ['**/src-renderer/**'], message: 'The backend never imports the renderer (DESIGN.md §1).' },
        ],
      }],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'coverage/**', 'tests/fixtures/generated/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layering,
);
