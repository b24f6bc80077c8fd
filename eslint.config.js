// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Import boundaries between processes (docs/architecture.md, "Source layout"). */
const ours = (...folders) =>
  folders.flatMap((f) => [
    `**/${f}`,
    `**/${f}/**`,
    `../${f}/**`,
    `../../${f}/**`,
    `../../../${f}/**`,
  ]);
const electronOnly = {
  name: 'electron',
  message: 'Only src/main/shell and src/preload may import electron.',
};
const restrict = (patterns, paths = []) => ['error', { paths, patterns }];
/** Rooms of src/main below the hub core. */
const LOWER_ROOMS = [
  'adapters',
  'bridge',
  'claude',
  'events',
  'gate',
  'inbox',
  'launcher',
  'permissions',
  'router',
  'secrets',
  'sessions',
  'settings',
  'store',
];

export default tseslint.config(
  {
    ignores: [
      '.tools/**',
      'dist/**',
      'dist-test/**',
      'dist-bench/**',
      'release/**',
      'node_modules/**',
      'bench-results/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': [
        'error',
        { allowConstantLoopConditions: true },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          { group: ['node:*'], message: 'src/shared runs everywhere: no Node built-ins.' },
          {
            group: ours('main', 'mcp', 'renderer', 'preload'),
            message: 'src/shared imports nothing of ours.',
          },
        ],
        [electronOnly],
      ),
    },
  },
  {
    files: ['src/mcp/**'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            group: ours('main', 'renderer', 'preload'),
            message: 'The helper is a thin proxy: it may use src/shared only.',
          },
        ],
        [electronOnly],
      ),
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [
          { group: ['node:*'], message: 'The renderer runs in a browser sandbox.' },
          {
            group: ours('main', 'mcp', 'preload'),
            message: 'The renderer talks to main only through the UI API.',
          },
        ],
        [electronOnly],
      ),
    },
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/shell/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            group: ours('renderer', 'mcp', 'preload'),
            message: 'The hub does not import other processes.',
          },
        ],
        [electronOnly],
      ),
    },
  },
  {
    // The hub's lower rooms: what the hub, the app, the CLI and the servers are built from. They
    // never reach up (docs/architecture.md, "Source layout"); this repeats the rule above for them
    // because a later block's no-restricted-imports replaces an earlier one's.
    files: LOWER_ROOMS.map((room) => `src/main/${room}/**`),
    rules: {
      'no-restricted-imports': restrict(
        [
          {
            group: ours('renderer', 'mcp', 'preload'),
            message: 'The hub does not import other processes.',
          },
          {
            group: ours('app', 'hub', 'cli', 'ui', 'http', 'shell', 'remote'),
            message:
              'A lower room of src/main never imports app/, hub/, cli/, ui/, http/, shell/ or remote/.',
          },
        ],
        [electronOnly],
      ),
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', '*.config.*'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Tool configs are loaded by their tools through a default export.
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
