// One lint configuration for the whole monorepo. The Nx module-boundary rule turns the
// architecture into a checked fact: apps import libs, libs never import apps, and a service
// never imports another service's code (only libs/contracts is shared between them).
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

export default [
  { ignores: ['**/dist/**', '**/dist-test/**', '**/node_modules/**', '**/generated/**', '.local/**', '.nx/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // The layers inside every app (ARCHITECTURE.md): domain/ is plain TypeScript, application/ reaches
  // the outside world only through its ports; infrastructure/ and interface/ may import inward.
  {
    files: ['apps/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: '@shop/contracts', message: 'domain/ imports @shop/contracts/messages, the entry without Nest and gRPC.' }],
          patterns: [
            { group: ['@nestjs/*', '@prisma/*', '**/generated/**', 'reflect-metadata'], message: 'domain/ is plain TypeScript: no Nest, no Prisma.' },
            { group: ['**/application/**', '**/infrastructure/**', '**/interface/**'], message: 'domain/ imports no other layer.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/*/src/application/**/*.ts'],
    // Tests assemble a use case with real adapters.
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/infrastructure/**', '**/interface/**'], message: 'application/ imports no infrastructure or interface code: declare a port in application/ports.' },
            { group: ['@prisma/*', '**/generated/**'], message: 'application/ does not know the database: declare a port in application/ports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', fetch: 'readonly', AbortSignal: 'readonly', Buffer: 'readonly' },
    },
  },
];
