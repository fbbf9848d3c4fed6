// ESLint flat config. Syntax-level rules only (no type-aware rules: `tsc --noEmit` is the type check,
// and type-aware linting would make `npm run lint` slow).
import { defineConfig } from 'eslint/config';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import next from '@next/eslint-plugin-next';

export default defineConfig(
  {
    ignores: [
      '.next/**', '.next-*/**', '.data/**', '.data*/**', 'node_modules/**', 'coverage/**', 'out/**',
      'next-env.d.ts', 'tests/bench/.results/**', '.trigger/**', 'tmp/**', // tmp/: git-ignored scratch space
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
    },
    rules: {
      // TypeScript checks these itself; the core rules misfire on types and overloads.
      'no-undef': 'off',
      'no-redeclare': 'off',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      'no-console': 'off',
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
      'no-var': 'error',
      'object-shorthand': ['error', 'properties'],
    },
  },
  {
    // The env module is the one reader of process.env (ARCHITECTURE.md); scripts, tests and start-up
    // glue (instrumentation, config files) may read it too.
    files: ['src/**/*.{ts,tsx}', 'app/**/*.{ts,tsx}', 'proxy.ts'],
    ignores: ['src/lib/env.ts', 'src/boot.ts', 'src/db/migrate.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through env() from src/lib/env.ts.' },
      ],
    },
  },
  {
    files: ['**/*.tsx', 'app/**/*.ts', 'src/components/**/*.ts'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['app/**/*.{ts,tsx}', 'src/**/*.tsx'],
    plugins: { '@next/next': next },
    rules: {
      ...next.configs['core-web-vitals'].rules,
      // App Router only: there is no pages/ directory for this rule to look at.
      '@next/next/no-html-link-for-pages': 'off',
    },
  },
  {
    files: ['tests/**/*.{ts,tsx}', 'scripts/**/*.ts'],
    rules: {
      // Tests poke at internals and build rows from catalog data; keep the type escape hatch available.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
