// Lint: TypeScript and Svelte rules, plus one import-boundary zone per layer of STYLE.md's architecture.
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

/** Folders a layer must not import from (STYLE.md §1). */
const boundaries = [
  { layer: 'src/core', forbidden: ['pipeline', 'models', 'workers', 'storage', 'export', 'platform', 'state', 'features', 'ui', 'app', 'sw'] },
  { layer: 'src/quality', forbidden: ['pipeline', 'models', 'workers', 'storage', 'export', 'platform', 'state', 'features', 'ui', 'app', 'sw'] },
  { layer: 'src/pipeline', forbidden: ['workers', 'storage', 'export', 'platform', 'state', 'features', 'ui', 'app', 'sw'] },
  { layer: 'src/storage', forbidden: ['workers', 'export', 'platform', 'state', 'features', 'ui', 'app', 'models'] },
  { layer: 'src/ui', forbidden: ['state', 'features', 'app', 'storage', 'workers', 'models'] },
  { layer: 'src/features', forbidden: ['app', 'storage', 'workers/pool', 'models'] },
  { layer: 'src/state', forbidden: ['features', 'app', 'ui/', 'sw'] },
  { layer: 'src/models', forbidden: ['pipeline/stages', 'workers', 'storage', 'export', 'state', 'features', 'ui', 'app', 'sw'] },
  // The service worker and its bridge: model metadata and pure cache rules only, never the app's state or pixels.
  { layer: 'src/sw', forbidden: ['pipeline', 'workers', 'storage', 'export', 'platform', 'state', 'features', 'ui', 'app', 'core'] },
  { layer: 'src/automation', forbidden: ['state', 'features', 'ui', 'app', 'storage', 'export', 'cli'] },
  { layer: 'src/cli', forbidden: ['state', 'features', 'ui', 'app', 'storage', 'export/zip', 'export/download', 'workers/pool', 'platform', 'models/session', 'automation/main'] },
  { layer: 'src/export', forbidden: ['state', 'features', 'ui', 'app', 'workers', 'models'] },
];

const boundaryConfigs = boundaries.map(({ layer, forbidden }) => ({
  files: [`${layer}/**/*.{ts,svelte}`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: forbidden.map((folder) => ({
          group: [`**/${folder}`, `**/${folder}/**`, `../${folder}`, `../${folder}/*`, `../../${folder}`, `../../${folder}/*`],
          message: `${layer} may not import from src/${folder} (see STYLE.md §1).`,
        })),
      },
    ],
  },
}));

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'public/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  ...boundaryConfigs,
);
