import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports that would point a layer the wrong way (scripts/check-structure.ts measures the same). */
const layer = (message, ...dirs) => ({
  group: dirs.flatMap((d) => [`**/${d}`, `**/${d}/**`]),
  message,
});
const intoMain = layer('Only the entry points (src/main) import across every layer.', 'main');

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', '.tools/', 'coverage/', 'tests/.artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // Workflow code is replayed: anything non-deterministic breaks running cases.
    files: ['workflows/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'https', 'child_process'],
              message: 'Workflows must not use Node built-ins.',
            },
            {
              group: ['**/activities', '**/activities/*'],
              allowTypeImports: true,
              message: 'Workflows import activities as types only.',
            },
            layer('Workflows must not depend on the API.', 'api'),
            intoMain,
          ],
        },
      ],
    },
  },
  {
    files: ['activities/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer('Activities depend on src only.', 'api', 'workflows'), intoMain] },
      ],
    },
  },
  {
    files: ['api/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer(
              'The API reaches workflows through src/client, never their code.',
              'workflows',
              'activities',
            ),
            intoMain,
          ],
        },
      ],
    },
  },
  {
    // What every layer shares depends on none of them.
    files: ['src/**/*.ts'],
    ignores: ['src/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('src is shared: it imports no layer above it.', 'api', 'workflows', 'activities'),
            intoMain,
          ],
        },
      ],
    },
  },
);
